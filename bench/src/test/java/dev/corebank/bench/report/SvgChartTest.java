package dev.corebank.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgChartTest {
    @Test
    void drawsOneThroughputAndOneLatencyBarPerSystemAndWorkload() throws Exception {
        List<RunResult> results = ReportFixtures.sideBySide();
        Document svg = parse(SvgChart.render("corebank vs PostgreSQL", "2 cores", results));
        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        NodeList rectangles = svg.getElementsByTagName("rect");
        int bars = 0;
        for (int index = 0; index < rectangles.getLength(); index++) {
            if ("bar".equals(((Element) rectangles.item(index)).getAttribute("class"))) {
                bars++;
            }
        }
        assertThat(bars).isEqualTo(2 * results.size());
        assertThat(svg.getDocumentElement().getTextContent()).contains("corebank vs PostgreSQL", "hot-account",
                "postgres", "1.00M", "2.0k");
    }

    @Test
    void makesTallerThroughputBarsForFasterSystems() throws Exception {
        Document svg = parse(SvgChart.render("t", "s", List.of(
                ReportFixtures.result("engine", "uniform", 1_000_000, 20),
                ReportFixtures.result("postgres", "uniform", 1_000, 20))));
        NodeList rectangles = svg.getElementsByTagName("rect");
        double engineHeight = 0;
        double postgresHeight = 0;
        for (int index = 0; index < rectangles.getLength(); index++) {
            Element rectangle = (Element) rectangles.item(index);
            String title = rectangle.getTextContent();
            if (title.contains("transfers/s")) {
                double height = Double.parseDouble(rectangle.getAttribute("height"));
                if (title.startsWith("engine")) {
                    engineHeight = height;
                } else {
                    postgresHeight = height;
                }
            }
        }
        assertThat(engineHeight).isGreaterThan(postgresHeight).isGreaterThan(0);
        assertThat(postgresHeight).isGreaterThan(0);
    }

    @Test
    void escapesTextSoTheDocumentStaysWellFormed() throws Exception {
        Document svg = parse(SvgChart.render("a < b & \"c\"", "x > y", ReportFixtures.sideBySide()));
        assertThat(svg.getDocumentElement().getTextContent()).contains("a < b & \"c\"", "x > y");
    }

    @Test
    void spansWholeDecadesAroundTheValues() {
        double[] decades = SvgChart.decades(ReportFixtures.sideBySide(), RunResult::transfersPerSecond);
        assertThat(decades).containsExactly(2.0, 7.0);
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
