package io.picktartup.startup.boundary;

import io.picktartup.platform.boundary.Language;
import io.picktartup.platform.boundary.ViolationMessages;
import io.picktartup.platform.entity.FieldRule;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.startup.entity.Stage;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Backing bean of the catalogue: one search box and its filters, all GET parameters so a search is a shareable URL.
 * Request scoped: the page never posts back, so there is no view state worth keeping between requests.
 */
@Named
@RequestScoped
public class StartupsPage {

    static final int PAGE_SIZE = 12;
    /** Page links shown around the current one. */
    private static final int PAGE_LINKS = 3;

    @EJB
    StartupSearch search;

    @Inject
    Language language;

    private String q;
    private String sector;
    private String stage;
    private String ssiMin;
    private String ssiMax;
    private boolean open;
    private String sort;
    private String page;

    private StartupSearch.Page result = new StartupSearch.Page(List.of(), 0, false, 0, PAGE_SIZE, null);
    private List<StartupSearch.SectorCount> sectors = List.of();
    private List<InvalidInputException.Violation> problems = List.of();

    /** Runs the search the parameters describe; bad parameters are named on the page, never a server error. */
    public void load() {
        sectors = search.sectors();
        var violations = new ArrayList<InvalidInputException.Violation>();
        BigDecimal min = score("ssiMin", ssiMin, violations);
        BigDecimal max = score("ssiMax", ssiMax, violations);
        if (!violations.isEmpty()) {
            problems = violations;
            return;
        }
        try {
            result = search.search(new StartupSearch.Request(blankToNull(q), blankToNull(sector), blankToNull(stage),
                    min, max, open, blankToNull(sort), getCurrentPage(), PAGE_SIZE));
        } catch (InvalidInputException e) {
            problems = e.violations();
        } catch (EJBException e) {
            if (!(e.getCause() instanceof InvalidInputException invalid)) {
                throw e;
            }
            problems = invalid.violations();
        }
    }

    private static BigDecimal score(String field, String text, List<InvalidInputException.Violation> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            problems.add(InvalidInputException.Violation.of(field, FieldRule.NUMBER_BETWEEN, 0, 100));
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    public List<StartupSearch.Hit> getHits() {
        return result.items();
    }

    public long getTotal() {
        return result.total();
    }

    /** "14", or "1,000+" when the search stopped counting (a broad search need not count every hit). */
    public String getTotalLabel() {
        return String.format("%,d", result.total()) + (result.totalCapped() ? "+" : "");
    }

    public String getDidYouMean() {
        return result.didYouMean();
    }

    public List<StartupSearch.SectorCount> getSectors() {
        return sectors;
    }

    public List<Stage> getStages() {
        return List.of(Stage.values());
    }

    public List<InvalidInputException.Violation> getProblems() {
        return problems;
    }

    /** The bad parameters, each as "label: message" in the page's language. */
    public List<String> getProblemTexts() {
        return problems.stream().map(v -> ViolationMessages.of(v, language.getLocale())).toList();
    }

    public boolean isSearched() {
        return q != null && !q.isBlank();
    }

    public int getPages() {
        return (int) Math.min(10_000, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    /** The page numbers (0-based) to link to: a window around the current page. */
    public List<Integer> getPageNumbers() {
        int current = getCurrentPage();
        int from = Math.max(0, current - PAGE_LINKS);
        int to = Math.min(getPages() - 1, current + PAGE_LINKS);
        return to < from ? List.of() : IntStream.rangeClosed(from, to).boxed().toList();
    }

    /** This search on another page; the other parameters kept. */
    public String pageUrl(int number) {
        return url(q, number);
    }

    /** The suggested name as a new search, with the same filters. */
    public String suggestionUrl() {
        return url(result.didYouMean(), 0);
    }

    private String url(String query, int number) {
        var parameters = new LinkedHashMap<String, String>();
        parameters.put("q", query);
        parameters.put("sector", sector);
        parameters.put("stage", stage);
        parameters.put("ssiMin", ssiMin);
        parameters.put("ssiMax", ssiMax);
        parameters.put("open", open ? "true" : null);
        parameters.put("sort", sort);
        parameters.put("page", number > 0 ? Integer.toString(number) : null);
        var url = new StringBuilder("index.xhtml");
        char separator = '?';
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            if (parameter.getValue() != null && !parameter.getValue().isBlank()) {
                url.append(separator).append(parameter.getKey()).append('=')
                        .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return url.toString();
    }

    /** Width of a progress bar in percent: over-funded rounds fill the bar, not more. */
    public int bar(int percent) {
        return Math.max(0, Math.min(100, percent));
    }

    public String getQ() {
        return q;
    }

    public void setQ(String q) {
        this.q = q;
    }

    public String getSector() {
        return sector;
    }

    public void setSector(String sector) {
        this.sector = sector;
    }

    public String getStage() {
        return stage;
    }

    public void setStage(String stage) {
        this.stage = stage;
    }

    public String getSsiMin() {
        return ssiMin;
    }

    public void setSsiMin(String ssiMin) {
        this.ssiMin = ssiMin;
    }

    public String getSsiMax() {
        return ssiMax;
    }

    public void setSsiMax(String ssiMax) {
        this.ssiMax = ssiMax;
    }

    public boolean isOpen() {
        return open;
    }

    public void setOpen(boolean open) {
        this.open = open;
    }

    public String getSort() {
        return sort;
    }

    public void setSort(String sort) {
        this.sort = sort;
    }

    /** The page shown, 0-based; a page parameter that is not a number shows the first. */
    public int getCurrentPage() {
        try {
            return page == null ? 0 : Math.max(0, Math.min(10_000, Integer.parseInt(page.strip())));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public String getPage() {
        return page;
    }

    public void setPage(String page) {
        this.page = page;
    }
}
