/*
 * HardwareSerial.h - Serial: writes to stdout, or to the file given by the kit's --serial-log.
 * Nothing is ever received: available() is 0 and read() is -1 (a busy-wait on available()
 * advances the plant like any other polling call).
 */
#ifndef BACKFLUSH_HARDWARESERIAL_H
#define BACKFLUSH_HARDWARESERIAL_H

#include "Print.h"

#define SERIAL_8N1 0x06

class HardwareSerial : public Print {
public:
    void begin(unsigned long baud, uint8_t config = SERIAL_8N1) {
        baud_ = baud;
        (void)config;
    }
    void end() {}
    int available();
    int read();
    int peek();
    void setTimeout(unsigned long ms) { timeout_ = ms; }
    String readString();
    String readStringUntil(char terminator);
    long parseInt();
    float parseFloat();
    int availableForWrite() override { return 64; }
    void flush() override;
    size_t write(uint8_t c) override;
    size_t write(const uint8_t *buffer, size_t size) override;
    using Print::write;
    explicit operator bool() const { return true; }
    unsigned long baud() const { return baud_; }

private:
    unsigned long baud_ = 0;
    unsigned long timeout_ = 1000;
};

extern HardwareSerial Serial;

#endif
