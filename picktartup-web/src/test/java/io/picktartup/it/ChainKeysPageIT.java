package io.picktartup.it;

import io.picktartup.chain.contract.PicktartupToken;
import io.picktartup.launcher.DevChain;
import io.picktartup.launcher.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operators' chain keys page, in Korean: the four keys with their addresses, roles and gas money, all right;
 * a key granted a role that is not its own is marked and the problem named, until the role is revoked.
 */
@ExtendWith(RunningPlatform.class)
class ChainKeysPageIT {

    private static final String RELAYER = Platform.devAccount(DevChain.RELAYER).getAddress().toLowerCase(Locale.ROOT);
    private static final String MINTER = Platform.devAccount(DevChain.MINTER).getAddress().toLowerCase(Locale.ROOT);
    private static final String ROUND_CREATOR =
            Platform.devAccount(DevChain.ROUND_CREATOR).getAddress().toLowerCase(Locale.ROOT);
    private static final String SECOND_AGENT =
            Platform.devAccount(DevChain.SECOND_AGENT).getAddress().toLowerCase(Locale.ROOT);
    @RegisterExtension
    static final PageBrowser browser = new PageBrowser("ko-KR", "ko-KR,ko");

    @Test
    void anAdminSeesEachKeyAndAKeyWithAnExtraRole() throws Exception {
        browser.get(RunningPlatform.uri("/admin/chain.xhtml").toString());
        browser.await(By.id("login:email"));
        browser.findElement(By.id("login:email")).sendKeys(RunningPlatform.ADMIN_EMAIL);
        browser.findElement(By.id("login:password")).sendKeys(RunningPlatform.ADMIN_PASSWORD);
        browser.findElement(By.id("login:submit")).click();
        browser.await(By.id("keys"));

        assertThat(browser.findElement(By.id("page-title")).getText()).isEqualTo("체인 서명 키");
        assertThat(browser.findElement(By.id("chain-id")).getText()).isEqualTo("31337");
        assertThat(texts("key-address")).containsExactly(RELAYER, MINTER, ROUND_CREATOR, SECOND_AGENT);
        assertThat(texts("key-state")).containsOnly("자기 역할만 보유");
        assertThat(texts("key-balance")).allSatisfy(b -> assertThat(new java.math.BigDecimal(b)).isPositive());
        assertThat(browser.findElement(By.id("no-problems")).getText()).contains("모든 키가 자기 역할만");

        var web3j = Web3j.build(new HttpService(RunningPlatform.platform().chainRpcUrl()));
        var token = PicktartupToken.load(RunningPlatform.platform().contracts().get("token"), web3j,
                new RawTransactionManager(web3j, Platform.devAccount(DevChain.ADMIN), DevChain.CHAIN_ID),
                new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(200_000)));
        byte[] minterRole = token.MINTER_ROLE().send();
        assertThat(token.grantRole(minterRole, RELAYER).send().isStatusOK()).isTrue();
        try {
            browser.navigate().refresh();
            browser.await(By.id("keys"));
            assertThat(texts("key-state")).containsExactly("아래 문제를 확인하세요", "자기 역할만 보유", "자기 역할만 보유", "자기 역할만 보유");
            assertThat(browser.findElement(By.id("problems")).getText())
                    .isEqualTo("the relayer key " + RELAYER + " holds MINTER_ROLE on the token, which is not its role");
            assertThat(browser.findElements(By.id("no-problems"))).isEmpty();
        } finally {
            assertThat(token.revokeRole(minterRole, RELAYER).send().isStatusOK()).isTrue();
            web3j.shutdown();
        }
        browser.navigate().refresh();
        browser.await(By.id("keys"));
        assertThat(texts("key-state")).containsOnly("자기 역할만 보유");
    }

    @Test
    void nobodyButAnAdminReadsIt() {
        var anonymous = Http.get("/admin/chain.xhtml");
        assertThat(anonymous.body()).doesNotContain(MINTER);
        var investor = Accounts.Session.open("not-an-operator");
        var refused = Http.get("/admin/chain.xhtml", Accounts.bearer(investor.accessToken()));
        assertThat(refused.body()).doesNotContain(MINTER);
    }

    private static List<String> texts(String cssClass) {
        return browser.findElements(By.className(cssClass)).stream().map(WebElement::getText).toList();
    }
}
