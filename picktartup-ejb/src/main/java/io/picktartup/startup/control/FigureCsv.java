package io.picktartup.startup.control;

import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.startup.entity.Figure;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Monthly figures as a CEO uploads them: a CSV file whose first line names the columns (any order; {@code period}
 * required, the others optional: {@link #COLUMNS}), then one month a line; an empty cell is "not reported". Every cell
 * that does not parse is named as {@code line[n].column} (n counts the file's lines from 1, the header included), so
 * a CEO finds it in a spreadsheet; the months that parsed are checked by the domain afterwards under the same names.
 */
public final class FigureCsv {

    public static final List<String> COLUMNS = List.of("period", "headcount", "mau", "retention", "revenueKrw",
            "operatingProfitKrw", "cashKrw", "burnKrw");
    public static final int SIZE_MAX = 1024 * 1024;
    private static final java.util.regex.Pattern WHOLE = java.util.regex.Pattern.compile("-?[0-9]{1,19}");
    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("-?[0-9]{1,19}(\\.[0-9]{1,19})?");

    /** The parsed months, each with the file line it came from, and every problem found. */
    public record Parsed(List<Figure.Month> months, List<Integer> lines,
                         List<InvalidInputException.Violation> problems) {
    }

    private FigureCsv() {
    }

    public static Parsed parse(String text) {
        var problems = new ArrayList<InvalidInputException.Violation>();
        var months = new ArrayList<Figure.Month>();
        var lines = new ArrayList<Integer>();
        if (text == null || text.isBlank()) {
            problems.add(new InvalidInputException.Violation("file", "must be a CSV file with a header line"));
            return new Parsed(months, lines, problems);
        }
        if (text.length() > SIZE_MAX) {
            problems.add(new InvalidInputException.Violation("file", "must be at most " + SIZE_MAX + " characters"));
            return new Parsed(months, lines, problems);
        }
        String[] rows = text.replace("\uFEFF", "").split("\r\n|\r|\n", -1);
        var header = cells(rows[0]);
        var index = new HashMap<String, Integer>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            String known = COLUMNS.stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().orElse(null);
            if (known == null) {
                problems.add(new InvalidInputException.Violation("line[1]." + (name.isEmpty() ? "column" + (c + 1) : name),
                        "is not a column; the columns are " + COLUMNS));
            } else if (index.putIfAbsent(known, c) != null) {
                problems.add(new InvalidInputException.Violation("line[1]." + known, "is named twice"));
            }
        }
        if (!index.containsKey("period")) {
            problems.add(new InvalidInputException.Violation("line[1].period", "the header must name a period column"));
        }
        if (!problems.isEmpty()) {
            return new Parsed(months, lines, problems);
        }
        for (int r = 1; r < rows.length; r++) {
            if (rows[r].isBlank()) {
                continue;
            }
            int line = r + 1;
            var row = cells(rows[r]);
            String at = "line[" + line + "].";
            if (row.size() > header.size()) {
                problems.add(new InvalidInputException.Violation(at + "columns",
                        "has " + row.size() + " cells, the header " + header.size()));
            }
            var cell = new Cell(row, index, at, problems);
            YearMonth period = null;
            String periodText = cell.text("period");
            if (periodText.isEmpty()) {
                problems.add(new InvalidInputException.Violation(at + "period", "must be a month (yyyy-mm)"));
            } else {
                try {
                    period = YearMonth.parse(periodText);
                } catch (DateTimeParseException e) {
                    problems.add(new InvalidInputException.Violation(at + "period", "must be a month (yyyy-mm)"));
                }
            }
            Long headcount = cell.whole("headcount");
            months.add(new Figure.Month(period, headcount == null ? null
                    : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, headcount)),
                    cell.whole("mau"), cell.decimal("retention"), cell.whole("revenueKrw"),
                    cell.whole("operatingProfitKrw"), cell.whole("cashKrw"), cell.whole("burnKrw")));
            lines.add(line);
        }
        if (months.isEmpty() && problems.isEmpty()) {
            problems.add(new InvalidInputException.Violation("file", "must list at least one month under the header"));
        }
        return new Parsed(months, lines, problems);
    }

    /** A line's cells: comma separated, each trimmed, surrounding double quotes removed. */
    private static List<String> cells(String line) {
        return Arrays.stream(line.split(",", -1)).map(String::strip)
                .map(c -> c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"") ? c.substring(1, c.length() - 1).strip() : c)
                .toList();
    }

    private record Cell(List<String> row, Map<String, Integer> index, String at,
                        List<InvalidInputException.Violation> problems) {

        String text(String column) {
            Integer c = index.get(column);
            return c == null || c >= row.size() ? "" : row.get(c);
        }

        Long whole(String column) {
            String text = text(column).replace("_", "");
            if (text.isEmpty()) {
                return null;
            }
            try {
                if (!WHOLE.matcher(text).matches()) { // ASCII digits only: Long.valueOf takes full-width ones too
                    throw new NumberFormatException(text);
                }
                return Long.valueOf(text);
            } catch (NumberFormatException e) {
                problems.add(new InvalidInputException.Violation(at + column, "must be a whole number"));
                return null;
            }
        }

        BigDecimal decimal(String column) {
            String text = text(column);
            if (text.isEmpty()) {
                return null;
            }
            try {
                if (!DECIMAL.matcher(text).matches()) {
                    throw new NumberFormatException(text);
                }
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                problems.add(new InvalidInputException.Violation(at + column, "must be a number between 0 and 1"));
                return null;
            }
        }
    }
}
