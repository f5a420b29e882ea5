package io.picktartup.ssi.boundary;

import io.picktartup.platform.entity.NotFoundException;
import io.picktartup.ssi.entity.SsiReason;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import org.primefaces.model.charts.ChartData;
import org.primefaces.model.charts.axes.cartesian.CartesianScales;
import org.primefaces.model.charts.axes.cartesian.linear.CartesianLinearAxes;
import org.primefaces.model.charts.axes.cartesian.linear.CartesianLinearTicks;
import org.primefaces.model.charts.axes.radial.RadialScales;
import org.primefaces.model.charts.axes.radial.linear.RadialLinearAngleLines;
import org.primefaces.model.charts.axes.radial.linear.RadialLinearTicks;
import org.primefaces.model.charts.line.LineChartDataSet;
import org.primefaces.model.charts.line.LineChartModel;
import org.primefaces.model.charts.line.LineChartOptions;
import org.primefaces.model.charts.optionconfig.legend.Legend;
import org.primefaces.model.charts.radar.RadarChartDataSet;
import org.primefaces.model.charts.radar.RadarChartModel;
import org.primefaces.model.charts.radar.RadarChartOptions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.UUID;
import java.util.function.Function;

/**
 * The SSI section of a startup's page: the latest index with its four pillars (radar), its history (line), and
 * what moved it: each pillar's inputs with the points they carry, and the inputs whose points changed most since
 * the previous score. Built from the same {@link SsiView} the API answers, so page and API never disagree.
 */
@Named
@RequestScoped
public class SsiSection {

    static final List<String> PILLARS = List.of("team", "product", "potential", "performance");
    private static final int HISTORY_DAYS = 365;

    @EJB
    SsiHistory scores;

    private UUID startupId;
    private SsiView view;

    /** The startup's SSI, read once per request. */
    public SsiView of(UUID startup) {
        if (view == null || !startup.equals(startupId)) {
            startupId = startup;
            try {
                view = scores.explained(startup, HISTORY_DAYS);
            } catch (NotFoundException e) {
                view = SsiView.unscored(startup.toString());
            } catch (EJBException e) {
                if (!(e.getCause() instanceof NotFoundException)) {
                    throw e;
                }
                view = SsiView.unscored(startup.toString());
            }
        }
        return view;
    }

    /** True when the startup has an overall index (false: not scored yet, or not enough data). */
    public boolean scored(SsiView view) {
        return view.scored() && view.overall() != null;
    }

    public List<Map.Entry<String, SsiView.Pillar>> pillars(SsiView view) {
        return new ArrayList<>(view.pillars().entrySet());
    }

    public RadarChartModel pillarChart(SsiView view) {
        var set = new RadarChartDataSet();
        set.setLabel(text("ssi.pillars"));
        set.setData(PILLARS.stream().map(p -> {
            var pillar = view.pillars().get(p);
            return (Number) (pillar == null || pillar.score() == null ? null : pillar.score());
        }).toList());
        set.setBackgroundColor("rgba(252, 163, 17, 0.25)");
        set.setBorderColor("rgb(252, 163, 17)");
        set.setPointBackgroundColor("rgb(20, 33, 61)");
        var data = new ChartData();
        data.setLabels(PILLARS.stream().map(p -> text("ssi.pillar." + p)).toList());
        data.addChartDataSet(set);
        var ticks = new RadialLinearTicks();
        ticks.setStepSize(20);
        ticks.setMin(0);
        ticks.setMax(100);
        ticks.setBeginAtZero(true);
        var scales = new RadialScales();
        scales.setTicks(ticks);
        var angleLines = new RadialLinearAngleLines();
        angleLines.setDisplay(true);
        scales.setAngleLines(angleLines);
        var options = new RadarChartOptions();
        options.setScales(scales);
        options.setMaintainAspectRatio(false);
        options.setLegend(hidden());
        var model = new RadarChartModel();
        model.setData(data);
        model.setOptions(options);
        return model;
    }

    public LineChartModel historyChart(SsiView view) {
        var data = new ChartData();
        data.setLabels(view.history().stream().map(p -> (Object) p.scoredOn().toString()).toList());
        var history = view.history();
        data.addChartDataSet(line(history, text("ssi.overall"), "rgb(20, 33, 61)", 3, SsiView.Point::overall));
        data.addChartDataSet(line(history, text("ssi.pillar.team"), "rgb(31, 122, 77)", 1, SsiView.Point::team));
        data.addChartDataSet(line(history, text("ssi.pillar.product"), "rgb(252, 163, 17)", 1, SsiView.Point::product));
        data.addChartDataSet(line(history, text("ssi.pillar.potential"), "rgb(92, 103, 125)", 1,
                SsiView.Point::potential));
        data.addChartDataSet(line(history, text("ssi.pillar.performance"), "rgb(176, 0, 32)", 1,
                SsiView.Point::performance));
        var y = new CartesianLinearAxes();
        var ticks = new CartesianLinearTicks();
        ticks.setStepSize(20);
        y.setTicks(ticks);
        y.setMin(0);
        y.setMax(100);
        var scales = new CartesianScales();
        scales.addYAxesData(y);
        var options = new LineChartOptions();
        options.setScales(scales);
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

    private static LineChartDataSet line(List<SsiView.Point> history, String label, String color, int width,
                                         Function<SsiView.Point, BigDecimal> value) {
        var set = new LineChartDataSet();
        set.setLabel(label);
        set.setData(history.stream().map(p -> (Object) value.apply(p)).toList()); // null: a gap
        set.setBorderColor(color);
        set.setBackgroundColor(color);
        set.setBorderWidth(width);
        set.setFill(false);
        set.setPointRadius(3);
        set.setSpanGaps(true);
        return set;
    }

    private static Legend hidden() {
        var legend = new Legend();
        legend.setDisplay(false);
        return legend;
    }

    /** A pillar's or input's name in the reader's language; the model's own name when there is no translation. */
    public String label(String key) {
        String message = "ssi.pillar." + key;
        String input = "ssi.input." + key;
        var bundle = bundle();
        return bundle.containsKey(message) ? bundle.getString(message)
                : bundle.containsKey(input) ? bundle.getString(input) : key.replace('_', ' ');
    }

    /**
     * A reason the model gave for not scoring, in the reader's language: "pillar: sentence" or a sentence, read back
     * into its {@link SsiReason} and facts (input names translated too); a sentence it does not know stays as it is.
     */
    public String reason(String stored) {
        String pillar = null;
        String sentence = stored;
        int colon = stored.indexOf(": ");
        if (colon > 0 && PILLARS.contains(stored.substring(0, colon))) {
            pillar = stored.substring(0, colon);
            sentence = stored.substring(colon + 2);
        }
        var stated = SsiReason.read(sentence);
        if (stated.isEmpty()) {
            return stored;
        }
        var facts = stated.get().facts().stream().map(fact -> (Object) (stated.get().reason() == SsiReason.FEW_INPUTS
                ? String.join(", ", java.util.Arrays.stream(fact.split(", ")).map(this::label).toList()) : fact))
                .toArray();
        var bundle = bundle();
        String said = java.text.MessageFormat.format(bundle.getString("ssi.reason." + stated.get().reason().name()),
                facts);
        return pillar == null ? said : label(pillar) + ": " + said;
    }

    private static String text(String key) {
        return bundle().getString(key);
    }

    private static ResourceBundle bundle() {
        var context = FacesContext.getCurrentInstance();
        return context.getApplication().getResourceBundle(context, "msg");
    }

    /** "+2.5" / "−1.0" / "" (no previous score): a change in points, signed. */
    public String signed(Double change) {
        if (change == null) {
            return "";
        }
        return (change > 0 ? "+" : change < 0 ? "−" : "±") + String.format("%.1f", Math.abs(change));
    }

    /** An input's raw value as measured: shares as percent, large numbers grouped. */
    public String raw(Double value) {
        if (value == null) {
            return "–";
        }
        return Math.abs(value) >= 1000 ? String.format("%,.0f", value) : String.format("%.2f", value);
    }

    public String percent(Double share) {
        return share == null ? "–" : String.format("%.0f%%", share * 100);
    }

    public String points(Double value) {
        return value == null ? "–" : String.format("%.1f", value);
    }
}
