package io.backflush.sim.show;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChartsTest {
    /** Set -Dbackflush.show.samples=DIR to keep the charts for a look. */
    private static final String SAMPLES = System.getProperty("backflush.show.samples");

    @Test
    void everyRunChartIsA1200By700PngThatIsNotBlankAndAnSvgThatParses() throws Exception {
        for (ShownRun run : List.of(ShowRuns.demo(), ShowRuns.dirty())) {
            Map<Path, byte[]> files = ShowFiles.plots(run, Path.of("charts"));
            assertThat(files).hasSize(2 * 6);
            for (Map.Entry<Path, byte[]> e : files.entrySet()) {
                String name = e.getKey().getFileName().toString();
                if (name.endsWith(".png")) {
                    BufferedImage image = ImageIO.read(new ByteArrayInputStream(e.getValue()));
                    assertThat(image).as(name).isNotNull();
                    assertThat(image.getWidth()).as(name).isEqualTo(1200);
                    assertThat(image.getHeight()).as(name).isEqualTo(700);
                    assertThat(lumaVariance(image)).as(name + " pixel variance").isGreaterThan(100.0);
                } else {
                    assertThat(name).endsWith(".svg");
                    Document svg = parseXml(e.getValue());
                    assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
                    assertThat(e.getValue().length).as(name + " size").isLessThan(3_000_000);
                }
            }
            if (SAMPLES != null) {
                Path dir = Path.of(SAMPLES, run == ShowRuns.demo() ? "demo" : "dirty");
                Files.createDirectories(dir);
                for (Map.Entry<Path, byte[]> e : files.entrySet()) {
                    Files.write(dir.resolve(e.getKey().getFileName()), e.getValue());
                }
            }
        }
    }

    @Test
    void theReusableHelpersDrawABarAndALineChart() throws IOException {
        var bar = Charts.bar("Strategies", "strategy", "residue (mg)", List.of("daily water", "weekly detergent"),
                List.of(new Charts.Bars("screen", List.of(12.0, 4.0)), new Charts.Bars("valve", List.of(6.0, 2.0))));
        var lines = Charts.lines("Days", "day", "residue (mg)", null, List.of(
                new Charts.Series("daily water", new double[] {1, 2, 3}, new double[] {1, 2, 3}),
                new Charts.Series("weekly detergent", new double[] {1, 2, 3}, new double[] {1, 1.5, 0.5})));
        for (var chart : List.of(bar, lines)) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Charts.png(chart)));
            assertThat(image.getWidth()).isEqualTo(Charts.WIDTH);
            assertThat(lumaVariance(image)).isGreaterThan(100.0);
        }
    }

    @Test
    void decimationKeepsPeaksAndTheEnds() {
        int n = 100_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 0.001;
            y[i] = i == 54_321 ? 42.0 : Math.sin(i * 0.01);
        }
        double[][] d = Charts.decimate(x, y, 1000);
        assertThat(d[0].length).isLessThanOrEqualTo(4004);
        assertThat(d[1]).contains(42.0);
        assertThat(d[0][0]).isEqualTo(0.0);
        assertThat(d[0][d[0].length - 1]).isEqualTo(x[n - 1]);
        for (int i = 1; i < d[0].length; i++) {
            assertThat(d[0][i]).isGreaterThan(d[0][i - 1]);
        }
    }

    static double lumaVariance(BufferedImage image) {
        double sum = 0;
        double sumSq = 0;
        long n = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                double l = 0.299 * ((rgb >> 16) & 255) + 0.587 * ((rgb >> 8) & 255) + 0.114 * (rgb & 255);
                sum += l;
                sumSq += l * l;
                n++;
            }
        }
        double mean = sum / n;
        return sumSq / n - mean * mean;
    }

    static Document parseXml(byte[] bytes) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }
}
