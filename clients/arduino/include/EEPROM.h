/*
 * EEPROM.h - the Arduino EEPROM library's interface (read, write, update, get, put, length,
 * EEPROM[i]) plus the ESP32/ESP8266 begin(size)/commit()/end(). Backed by memory, or by the file
 * given with the kit's --eeprom FILE (written through at every change, so it survives a crash and
 * the next run starts from it). Erased cells read 0xFF; the default size is 1024 bytes (an
 * ATmega328P). An address outside the EEPROM is reported once on stderr and ignored.
 */
#ifndef BACKFLUSH_EEPROM_H
#define BACKFLUSH_EEPROM_H

#include <stddef.h>
#include <stdint.h>

class EEPROMClass;

/** A reference to one cell, as EEPROM[i] returns. */
struct EERef {
    int index;
    operator uint8_t() const;
    EERef &operator=(uint8_t v);
    EERef &operator=(const EERef &o) { return *this = (uint8_t)o; }
    EERef &operator+=(uint8_t v) { return *this = (uint8_t)(*this + v); }
    EERef &operator-=(uint8_t v) { return *this = (uint8_t)(*this - v); }
    EERef &operator|=(uint8_t v) { return *this = (uint8_t)(*this | v); }
    EERef &operator&=(uint8_t v) { return *this = (uint8_t)(*this & v); }
    EERef &operator++() { return *this += 1; }
    EERef &operator--() { return *this -= 1; }
    EERef &update(uint8_t v);
};

class EEPROMClass {
public:
    uint8_t read(int address);
    void write(int address, uint8_t value);
    void update(int address, uint8_t value);
    uint16_t length();
    EERef operator[](int address) { return EERef{address}; }

    template <class T>
    T &get(int address, T &t) {
        uint8_t *p = reinterpret_cast<uint8_t *>(&t);
        for (size_t i = 0; i < sizeof(T); i++) p[i] = read(address + (int)i);
        return t;
    }
    template <class T>
    const T &put(int address, const T &t) {
        const uint8_t *p = reinterpret_cast<const uint8_t *>(&t);
        for (size_t i = 0; i < sizeof(T); i++) update(address + (int)i, p[i]);
        return t;
    }

    /* ESP32/ESP8266 style: size the emulated EEPROM; commit() is a no-op (already written). */
    bool begin(size_t size);
    bool commit() { return true; }
    void end() {}
};

extern EEPROMClass EEPROM;

#endif
