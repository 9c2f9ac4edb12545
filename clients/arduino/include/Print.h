/*
 * Print.h - the Arduino Print interface: print/println of text and numbers (bases 2..36, floats
 * with a number of decimals), printf, write.
 */
#ifndef BACKFLUSH_PRINT_H
#define BACKFLUSH_PRINT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "WString.h"

class Print {
public:
    virtual ~Print() = default;
    virtual size_t write(uint8_t c) = 0;
    virtual size_t write(const uint8_t *buffer, size_t size);
    size_t write(const char *s) { return s ? write((const uint8_t *)s, strlen(s)) : 0; }
    size_t write(const char *buffer, size_t size) { return write((const uint8_t *)buffer, size); }
    virtual int availableForWrite() { return 0; }
    virtual void flush() {}

    size_t print(const __FlashStringHelper *s) { return write(reinterpret_cast<const char *>(s)); }
    size_t print(const String &s) { return write(s.c_str(), s.length()); }
    size_t print(const char *s) { return write(s); }
    size_t print(char c) { return write((uint8_t)c); }
    size_t print(unsigned char v, int base = DEC) { return printUnsigned(v, base); }
    size_t print(int v, int base = DEC) { return printSigned(v, base, 32); }
    size_t print(unsigned int v, int base = DEC) { return printUnsigned(v, base); }
    size_t print(long v, int base = DEC) { return printSigned(v, base, 32); }
    size_t print(unsigned long v, int base = DEC) { return printUnsigned(v, base); }
    size_t print(long long v, int base = DEC) { return printSigned(v, base, 64); }
    size_t print(unsigned long long v, int base = DEC) { return printUnsigned(v, base); }
    size_t print(double v, int digits = 2);
    size_t print(bool v) { return print((int)v); }

    size_t println() { return write("\r\n"); }
    template <class T>
    size_t println(const T &v) {
        size_t n = print(v);
        return n + println();
    }
    template <class T>
    size_t println(const T &v, int baseOrDigits) {
        size_t n = print(v, baseOrDigits);
        return n + println();
    }

    size_t printf(const char *format, ...) __attribute__((format(printf, 2, 3)));

private:
    size_t printUnsigned(unsigned long long v, int base);
    /* Negative numbers in a base other than 10 print as their two's complement of `bits` bits,
       as a 32-bit Arduino prints a long. */
    size_t printSigned(long long v, int base, int bits);
};

#endif
