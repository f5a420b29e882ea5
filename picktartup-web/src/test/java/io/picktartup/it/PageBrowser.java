package io.picktartup.it;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Chromium a page test class drives, as a JUnit extension: opened once before the class's tests, checked after
 * each test for what the Content Security Policy refused, quit after the class. It is the browser itself (a
 * {@link WebDriver} handing every call to Chromium's driver) with the few steps every page test takes: open a path,
 * sign in, switch the language, read a text, wait.
 * <pre>
 * &#64;RegisterExtension
 * static final PageBrowser browser = new PageBrowser("ko-KR", "ko-KR,ko");
 * </pre>
 */
final class PageBrowser implements WebDriver, JavascriptExecutor, TakesScreenshot,
        BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private static final int SECONDS = 30;

    private final String lang;
    private final String acceptLanguages;
    private WebDriver driver;

    /** {@code lang} is Chromium's language (e.g. {@code ko-KR}), {@code acceptLanguages} its Accept-Language. */
    PageBrowser(String lang, String acceptLanguages) {
        this.lang = lang;
        this.acceptLanguages = acceptLanguages;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        driver = Chromium.open(lang, acceptLanguages);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        assertThat(Chromium.cspViolations(driver)).as("refused by the Content Security Policy").isEmpty();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    // --- the steps page tests share ---

    /** Opens a path of the running platform, e.g. {@code /admin/rounds.xhtml}. */
    void open(String path) {
        driver.get(RunningPlatform.uri(path).toString());
    }

    /** Signs in afresh (no cookie kept) through the login form {@code path} leads to, and waits until it is gone. */
    void logIn(String email, String password, String path) {
        driver.manage().deleteAllCookies();
        open(path);
        await(By.id("login:email"));
        driver.findElement(By.id("login:email")).sendKeys(email);
        driver.findElement(By.id("login:password")).sendKeys(password);
        driver.findElement(By.id("login:submit")).click();
        await(b -> b.findElements(By.id("login:email")).isEmpty());
    }

    /** Switches the page to English with the language menu. */
    void english() {
        driver.findElement(By.id("lang-en")).click();
    }

    /** Switches the page to Korean with the language menu, and waits until it is. */
    void korean() {
        driver.findElement(By.id("lang-ko")).click();
        await(ExpectedConditions.attributeContains(By.id("lang-ko"), "class", "active"));
    }

    String text(By element) {
        return driver.findElement(element).getText();
    }

    /** Waits until the element is in the page. */
    void await(By element) {
        await(ExpectedConditions.presenceOfElementLocated(element));
    }

    /** Waits (30 s at most) until {@code condition} gives a value other than null or false, and returns it. */
    <T> T await(Function<? super WebDriver, T> condition) {
        return await(SECONDS, condition);
    }

    <T> T await(int seconds, Function<? super WebDriver, T> condition) {
        return Chromium.await(driver, seconds, condition);
    }

    // --- WebDriver, JavascriptExecutor, TakesScreenshot: Chromium's driver ---

    @Override
    public void get(String url) {
        driver.get(url);
    }

    @Override
    public String getCurrentUrl() {
        return driver.getCurrentUrl();
    }

    @Override
    public String getTitle() {
        return driver.getTitle();
    }

    @Override
    public List<WebElement> findElements(By by) {
        return driver.findElements(by);
    }

    @Override
    public WebElement findElement(By by) {
        return driver.findElement(by);
    }

    @Override
    public String getPageSource() {
        return driver.getPageSource();
    }

    @Override
    public void close() {
        driver.close();
    }

    @Override
    public void quit() {
        driver.quit();
    }

    @Override
    public Set<String> getWindowHandles() {
        return driver.getWindowHandles();
    }

    @Override
    public String getWindowHandle() {
        return driver.getWindowHandle();
    }

    @Override
    public TargetLocator switchTo() {
        return driver.switchTo();
    }

    @Override
    public Navigation navigate() {
        return driver.navigate();
    }

    @Override
    public Options manage() {
        return driver.manage();
    }

    @Override
    public Object executeScript(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    @Override
    public Object executeAsyncScript(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    @Override
    public <X> X getScreenshotAs(OutputType<X> target) {
        return ((TakesScreenshot) driver).getScreenshotAs(target);
    }
}
