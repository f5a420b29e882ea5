package io.picktartup.operations.boundary;

import io.picktartup.chain.boundary.ChainMetrics;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.charts.ChartData;
import org.primefaces.model.charts.line.LineChartDataSet;
import org.primefaces.model.charts.line.LineChartModel;
import org.primefaces.model.charts.line.LineChartOptions;
import org.primefaces.model.charts.optionconfig.legend.Legend;

import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.ToDoubleFunction;

/**
 * Backing bean of the admin console's live dashboard (/admin/): traffic, 5xx ratio, latency percentiles, CPU and
 * heap, the pool, the chain and mail queues over the last hour, from Prometheus' query API when one is configured
 * and answers, else from the application's own samples ({@link RecentSamples}); the jobs' latest executions and the
 * relayer's balance now.
 */
@Named
@ViewScoped
public class AdminDashboardPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Duration SPAN = Duration.ofHours(1);
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String[] COLORS = {"rgb(20, 33, 61)", "rgb(252, 163, 17)", "rgb(176, 0, 32)"};

    @Inject
    transient PrometheusSource prometheus;

    @Inject
    transient RecentSamples samples;

    @Inject
    transient ChainMetrics chain;

    @EJB
    transient BatchJobs jobs;

    /** One line of a chart: its label key, its Prometheus query, and the same figure in the own samples. */
    private record Line(String key, String expr, ToDoubleFunction<RecentSamples.Sample> sample) {
    }

    private String source;
    private Map<String, LineChartModel> charts;

    public String getSource() {
        load();
        return source;
    }

    public Map<String, LineChartModel> getCharts() {
        load();
        return charts;
    }

    private void load() {
        if (charts != null) {
            return;
        }
        var definitions = new java.util.LinkedHashMap<String, List<Line>>();
        definitions.put("traffic", List.of(new Line("dashboard.series.requests", "job:http_requests:rate1m",
                RecentSamples.Sample::requestsPerSecond)));
        definitions.put("errors", List.of(new Line("dashboard.series.serverErrors", "100 * job:http_5xx_ratio:rate5m",
                s -> 100 * s.serverErrorRatio())));
        definitions.put("latency", List.of(
                new Line("dashboard.series.p50", "1000 * job:http_latency_seconds:p50", RecentSamples.Sample::p50Ms),
                new Line("dashboard.series.p95", "1000 * job:http_latency_seconds:p95", RecentSamples.Sample::p95Ms),
                new Line("dashboard.series.p99", "1000 * job:http_latency_seconds:p99", RecentSamples.Sample::p99Ms)));
        definitions.put("cpu", List.of(new Line("dashboard.series.cpu", "100 * max(process_cpu_load)",
                RecentSamples.Sample::cpuPercent)));
        definitions.put("heap", List.of(new Line("dashboard.series.heap", "max(memory_usedHeap_bytes) / 1048576",
                RecentSamples.Sample::heapMiB)));
        definitions.put("pool", List.of(new Line("dashboard.series.pool",
                "(sum(increase(http_server_errors_total{code=\"service.busy\"}[1m])) or vector(0))",
                RecentSamples.Sample::poolBusy)));
        definitions.put("chain", List.of(new Line("dashboard.series.chainPending", "max(chain_transactions_pending)",
                RecentSamples.Sample::chainPending)));
        definitions.put("mail", List.of(new Line("dashboard.series.mailQueued", "max(mail_queued)",
                RecentSamples.Sample::mailQueued)));
        var bundle = bundle();
        var zone = ZoneId.systemDefault();
        var fromPrometheus = new java.util.LinkedHashMap<String, LineChartModel>();
        boolean prometheusAnswers = prometheus.configured();
        for (var chart : definitions.entrySet()) {
            if (!prometheusAnswers) {
                break;
            }
            var data = new ChartData();
            List<Object> labels = null;
            int color = 0;
            for (var line : chart.getValue()) {
                var points = prometheus.range(line.expr(), SPAN, STEP);
                if (points.isEmpty()) {
                    prometheusAnswers = false;
                    break;
                }
                if (labels == null) {
                    labels = points.get().stream().map(p -> (Object) TIME.format(p.at().atZone(zone))).toList();
                    data.setLabels(labels);
                }
                data.addChartDataSet(set(bundle.getString(line.key()), COLORS[color++ % COLORS.length],
                        points.get().stream().map(p -> (Number) round(p.value())).toList()));
            }
            fromPrometheus.put(chart.getKey(), model(data));
        }
        if (prometheusAnswers) {
            charts = fromPrometheus;
            source = bundle.getString("dashboard.source.prometheus");
            return;
        }
        var recent = samples.recent();
        var labels = recent.stream().map(s -> (Object) TIME.format(s.at().atZone(zone))).toList();
        charts = new java.util.LinkedHashMap<>();
        for (var chart : definitions.entrySet()) {
            var data = new ChartData();
            data.setLabels(labels);
            int color = 0;
            for (var line : chart.getValue()) {
                data.addChartDataSet(set(bundle.getString(line.key()), COLORS[color++ % COLORS.length],
                        recent.stream().map(s -> (Number) round(line.sample().applyAsDouble(s))).toList()));
            }
            charts.put(chart.getKey(), model(data));
        }
        source = bundle.getString("dashboard.source.samples");
    }

    /** The latest execution of each job, newest first. */
    public List<BatchJobs.Execution> getJobs() {
        var latest = new ArrayList<BatchJobs.Execution>();
        for (String job : AdminJobResource.JOBS.stream().sorted().toList()) {
            jobs.recent(job, 1).stream().findFirst().ifPresent(latest::add);
        }
        return latest;
    }

    /** The relayer's native-coin balance now (-1: unknown, the node does not answer). */
    public double getRelayerBalance() {
        return chain.relayerBalance();
    }

    public int getSampleCount() {
        return samples.recent().size();
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static LineChartDataSet set(String label, String color, List<Number> values) {
        var set = new LineChartDataSet();
        set.setLabel(label);
        set.setData(new ArrayList<Object>(values));
        set.setBorderColor(color);
        set.setBackgroundColor(color);
        set.setFill(false);
        set.setTension(0.2);
        set.setPointRadius(0);
        return set;
    }

    private static LineChartModel model(ChartData data) {
        var options = new LineChartOptions();
        options.setMaintainAspectRatio(false);
        var legend = new Legend();
        legend.setDisplay(true);
        legend.setPosition("bottom");
        options.setLegend(legend);
        var model = new LineChartModel();
        model.setData(data);
        model.setOptions(options);
        return model;
    }

    private static ResourceBundle bundle() {
        var context = FacesContext.getCurrentInstance();
        return context.getApplication().getResourceBundle(context, "msg");
    }
}
