package io.backflush.sim.support;

import java.awt.image.BufferedImage;

/** Checks on screenshots: whether something was drawn, not what. */
public final class Pixels {
    private Pixels() {
    }

    /**
     * Pixels, on a grid of every {@code stride}-th row and column, whose colour channels differ by
     * more than 80: drawn in colour (chart lines, markers, buttons), not page grey.
     */
    public static int coloured(BufferedImage image, int stride) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y += stride) {
            for (int x = 0; x < image.getWidth(); x += stride) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 255;
                int g = (rgb >> 8) & 255;
                int b = rgb & 255;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80) {
                    n++;
                }
            }
        }
        return n;
    }
}
