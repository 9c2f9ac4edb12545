package io.backflush.sim.hil.server;

import com.fazecast.jSerialComm.SerialPort;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A serial port (USB CDC to a microcontroller) through jSerialComm, 8N1, no flow control. Reads
 * are semi-blocking with a timeout, so the session reads it directly.
 */
public final class SerialTransport implements Transport {
    private final SerialPort port;
    private final InputStream in;
    private final OutputStream out;
    private int timeout = -1;

    private SerialTransport(SerialPort port) {
        this.port = port;
        this.in = port.getInputStream();
        this.out = new BufferedOutputStream(port.getOutputStream(), 4096);
    }

    /**
     * Opens {@code path} at {@code baud}.
     *
     * @throws IOException naming the port when it does not exist or cannot be opened
     */
    public static SerialTransport open(String path, int baud) throws IOException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (RuntimeException e) {
            throw new IOException("serial port " + path + ": " + e.getMessage());
        }
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        if (!port.openPort()) {
            throw new IOException("serial port " + path + " cannot be opened (missing, busy or no permission)");
        }
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 1000, 0);
        return new SerialTransport(port);
    }

    @Override
    public InputStream in() {
        return in;
    }

    @Override
    public OutputStream out() {
        return out;
    }

    @Override
    public String describe() {
        return "serial " + port.getSystemPortPath() + " @" + port.getBaudRate();
    }

    @Override
    public boolean supportsReadTimeout() {
        return true;
    }

    @Override
    public void setReadTimeoutMillis(int millis) {
        if (millis != timeout) {
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, Math.max(1, millis), 0);
            timeout = millis;
        }
    }

    @Override
    public void close() {
        port.closePort();
    }
}
