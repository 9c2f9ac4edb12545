package io.backflush.sim.hil.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Opening a serial port that is not there ({@code serve --serial}) is an {@link java.io.IOException}
 * that names the port: what the command line prints as its one-line error. (A port that opens
 * needs hardware or a pseudo-terminal; the sessions over it are those of any transport with read
 * timeouts, which the socket tests run.)
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SerialTransportTest {
    @Test
    void aMissingPortIsAnIoErrorNamingIt(@TempDir Path dir) {
        String path = dir.resolve("ttyNOPE0").toString();
        assertThatThrownBy(() -> SerialTransport.open(path, 115_200))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("serial port " + path + ": ");
    }

    @Test
    void aFileThatIsNotAPortCannotBeOpenedAndSaysSo(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-tty"), "");
        assertThatThrownBy(() -> SerialTransport.open(file.toString(), 115_200))
                .isInstanceOf(IOException.class)
                .hasMessage("serial port " + file + " cannot be opened (missing, busy or no permission)");
    }
}
