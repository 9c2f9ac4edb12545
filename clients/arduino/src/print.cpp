/* print.cpp - Print's number and text formatting, and Serial (to stdout or a log file). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>

#include <string>

#include "Arduino.h"
#include "kit.h"

HardwareSerial Serial;

namespace bfk {
namespace {
FILE *g_sink = nullptr;
}
void serialSink(FILE *f) { g_sink = f; }
void serialFlush() {
    if (g_sink) fflush(g_sink);
}
}  // namespace bfk

size_t Print::write(const uint8_t *buffer, size_t size) {
    size_t n = 0;
    while (size--) n += write(*buffer++);
    return n;
}

size_t Print::printUnsigned(unsigned long long v, int base) {
    if (base < 2 || base > 36) base = 10;
    char buf[65];
    int i = 64;
    buf[i] = 0;
    do {
        int d = (int)(v % (unsigned)base);
        buf[--i] = (char)(d < 10 ? '0' + d : 'A' + d - 10);
        v /= (unsigned)base;
    } while (v);
    return write(buf + i);
}

size_t Print::printSigned(long long v, int base, int bits) {
    if (base == 10 || base < 2 || base > 36) {
        if (v < 0) return write((uint8_t)'-') + printUnsigned(0ULL - (unsigned long long)v, 10);
        return printUnsigned((unsigned long long)v, 10);
    }
    unsigned long long u = (unsigned long long)v;
    if (bits == 32) u &= 0xFFFFFFFFULL;
    return printUnsigned(u, base);
}

size_t Print::print(double v, int digits) {
    if (isnan(v)) return write("nan");
    if (isinf(v)) return write("inf");
    if (v > 4294967040.0 || v < -4294967040.0) return write("ovf");  // as the Arduino core prints it
    if (digits < 0) digits = 0;
    if (digits > 20) digits = 20;
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", digits, v);
    return write(buf);
}

size_t Print::printf(const char *format, ...) {
    char small[256];
    va_list ap;
    va_start(ap, format);
    int n = vsnprintf(small, sizeof small, format, ap);
    va_end(ap);
    if (n < 0) return 0;
    if ((size_t)n < sizeof small) return write((const uint8_t *)small, (size_t)n);
    std::string big((size_t)n + 1, '\0');
    va_start(ap, format);
    vsnprintf(&big[0], big.size(), format, ap);
    va_end(ap);
    return write((const uint8_t *)big.data(), (size_t)n);
}

size_t HardwareSerial::write(uint8_t c) { return write(&c, 1); }

size_t HardwareSerial::write(const uint8_t *buffer, size_t size) {
    bfk::spin();
    if (!bfk::g_sink) bfk::g_sink = stdout;
    return fwrite(buffer, 1, size, bfk::g_sink);
}

void HardwareSerial::flush() { bfk::serialFlush(); }

int HardwareSerial::available() {
    bfk::spin();
    return 0;
}

int HardwareSerial::read() {
    bfk::spin();
    return -1;
}

int HardwareSerial::peek() {
    bfk::spin();
    return -1;
}

/* Nothing ever arrives: the reads below wait their timeout, as on the board with a silent line. */
String HardwareSerial::readString() {
    bfk::waitUs((uint64_t)timeout_ * 1000);
    return String();
}

String HardwareSerial::readStringUntil(char terminator) {
    (void)terminator;
    return readString();
}

long HardwareSerial::parseInt() {
    bfk::waitUs((uint64_t)timeout_ * 1000);
    return 0;
}

float HardwareSerial::parseFloat() {
    bfk::waitUs((uint64_t)timeout_ * 1000);
    return 0.0f;
}
