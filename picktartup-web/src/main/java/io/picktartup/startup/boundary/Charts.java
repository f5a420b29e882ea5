package io.picktartup.startup.boundary;

import io.picktartup.startup.entity.Figure;
import org.primefaces.model.charts.ChartData;
import org.primefaces.model.charts.axes.cartesian.CartesianScales;
import org.primefaces.model.charts.axes.cartesian.linear.CartesianLinearAxes;
import org.primefaces.model.charts.bar.BarChartDataSet;
import org.primefaces.model.charts.bar.BarChartModel;
import org.primefaces.model.charts.bar.BarChartOptions;
import org.primefaces.model.charts.line.LineChartDataSet;
import org.primefaces.model.charts.line.LineChartModel;
import org.primefaces.model.charts.line.LineChartOptions;
import org.primefaces.model.charts.optionconfig.legend.Legend;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The Chart.js models of a startup's monthly figures (PrimeFaces renders them). Months without a figure are gaps,
 * not zeros: a startup that did not report MAU for a month did not lose its users. Money in millions of won, so the
 * axis reads as people talk about startups.
 */
final class Charts {

    static final String INK = "rgb(20, 33, 61)";
    static final String ACCENT = "rgb(252, 163, 17)";
    static final String GREEN = "rgb(31, 122, 77)";
    static final String RED = "rgb(176, 0, 32)";

    private final List<Figure.Month> months;
    private final List<Object> labels;
    private final Function<String, String> text;

    /** {@code text}: the page's message for a key (series names are in the reader's language). */
    Charts(List<Figure.Month> months, Function<String, String> text) {
        this.months = months;
        this.text = text;
        this.labels = months.stream().map(m -> (Object) m.period().toString()).toList();
    }

    LineChartModel mau() {
        return line(lineSet(text.apply("startup.chart.mau"), INK, Figure.Month::mau));
    }

    LineChartModel headcount() {
        return line(lineSet(text.apply("startup.chart.headcount"), GREEN, Figure.Month::headcount));
    }

    LineChartModel cash() {
        return line(lineSet(text.apply("startup.chart.cash"), INK, m -> millions(m.cashKrw())),
                lineSet(text.apply("startup.chart.burn"), RED, m -> millions(m.burnKrw())));
    }

    BarChartModel revenue() {
        var data = new ChartData();
        data.setLabels(labels);
        data.addChartDataSet(barSet(text.apply("startup.chart.revenue"), ACCENT, m -> millions(m.revenueKrw())));
        data.addChartDataSet(barSet(text.apply("startup.chart.operating-profit"), INK, m -> millions(m.operatingProfitKrw())));
        var options = new BarChartOptions();
        options.setMaintainAspectRatio(false);
        options.setLegend(legend());
        var model = new BarChartModel();
        model.setData(data);
        model.setOptions(options);
        return model;
    }

    private LineChartModel line(LineChartDataSet... sets) {
        var data = new ChartData();
        data.setLabels(labels);
        for (var set : sets) {
            data.addChartDataSet(set);
        }
        var options = new LineChartOptions();
        options.setMaintainAspectRatio(false);
        options.setLegend(legend());
        var scales = new CartesianScales();
        var y = new CartesianLinearAxes();
        y.setBeginAtZero(true);
        scales.addYAxesData(y);
        options.setScales(scales);
        var model = new LineChartModel();
        model.setData(data);
        model.setOptions(options);
        return model;
    }

    private LineChartDataSet lineSet(String label, String color, Function<Figure.Month, Object> figure) {
        var set = new LineChartDataSet();
        set.setLabel(label);
        set.setData(values(figure));
        set.setBorderColor(color);
        set.setBackgroundColor(color);
        set.setFill(false);
        set.setTension(0.25);
        set.setPointRadius(2);
        return set;
    }

    private BarChartDataSet barSet(String label, String color, Function<Figure.Month, Object> figure) {
        var set = new BarChartDataSet();
        set.setLabel(label);
        set.setData(values(figure));
        set.setBackgroundColor(color);
        return set;
    }

    private List<Object> values(Function<Figure.Month, Object> figure) {
        var values = new ArrayList<Object>(months.size());
        for (var month : months) {
            values.add(figure.apply(month)); // null: a gap in the line
        }
        return values;
    }

    private static Legend legend() {
        var legend = new Legend();
        legend.setDisplay(true);
        legend.setPosition("bottom");
        return legend;
    }

    static BigDecimal millions(Long won) {
        return won == null ? null : BigDecimal.valueOf(won).movePointLeft(6).setScale(1, RoundingMode.HALF_UP);
    }
}
