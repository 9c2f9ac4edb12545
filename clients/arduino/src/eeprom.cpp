/*
 * eeprom.cpp - EEPROM in memory, or in a file written through at every change. Counts writes per
 * cell and warns once when a cell passes an AVR EEPROM's rated 100,000 erase/write cycles.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "EEPROM.h"
#include "kit.h"

EEPROMClass EEPROM;

namespace bfk {
namespace {
const size_t DEFAULT_BYTES = 1024;
const unsigned long ENDURANCE_WRITES = 100000;  // ATmega328P datasheet: 100,000 write/erase cycles

std::vector<uint8_t> g_cells;
std::vector<unsigned long> g_writes;
int g_fd = -1;
bool g_ready = false;

void ensure(size_t size) {
    if (g_ready && g_cells.size() == size) return;
    size_t old = g_cells.size();
    g_cells.resize(size, 0xFF);
    g_writes.resize(size, 0);
    if (g_fd >= 0) {
        for (size_t i = old; i < size; i++) {
            uint8_t b;
            if (pread(g_fd, &b, 1, (off_t)i) == 1) g_cells[i] = b;
        }
    }
    g_ready = true;
}

void ensure() {
    if (!g_ready) ensure(DEFAULT_BYTES);
}

bool inside(int address, const char *what) {
    ensure();
    if (address >= 0 && (size_t)address < g_cells.size()) return true;
    warnOnce(std::string("eeprom-range-") + what,
             std::string("EEPROM.") + what + "(" + std::to_string(address) + ") is outside the EEPROM (length " +
                 std::to_string(g_cells.size()) + "): ignored" + (what[0] == 'r' ? ", reads 0xFF" : ""));
    return false;
}

void store(int address, uint8_t value) {
    g_cells[(size_t)address] = value;
    if (++g_writes[(size_t)address] == ENDURANCE_WRITES)
        warnOnce("eeprom-wear", "EEPROM cell " + std::to_string(address) +
                                    " has been written 100000 times: an AVR's EEPROM is rated for 100,000 writes");
    if (g_fd >= 0 && pwrite(g_fd, &value, 1, (off_t)address) != 1)
        warnOnce("eeprom-io", std::string("cannot write the EEPROM file: ") + strerror(errno));
}
}  // namespace

void eepromBackingFile(const std::string &path) {
    g_fd = open(path.c_str(), O_RDWR | O_CREAT, 0644);
    if (g_fd < 0) configError("--eeprom " + path + ": " + strerror(errno));
    g_ready = false;
    g_cells.clear();
    g_writes.clear();
}

}  // namespace bfk

using namespace bfk;

uint8_t EEPROMClass::read(int address) { return inside(address, "read") ? g_cells[(size_t)address] : 0xFF; }

void EEPROMClass::write(int address, uint8_t value) {
    if (inside(address, "write")) store(address, value);
}

void EEPROMClass::update(int address, uint8_t value) {
    if (inside(address, "update") && g_cells[(size_t)address] != value) store(address, value);
}

uint16_t EEPROMClass::length() {
    ensure();
    return (uint16_t)g_cells.size();
}

bool EEPROMClass::begin(size_t size) {
    if (size == 0 || size > 65535) return false;
    ensure(size);
    return true;
}

EERef::operator uint8_t() const { return EEPROM.read(index); }

EERef &EERef::operator=(uint8_t v) {
    EEPROM.write(index, v);
    return *this;
}

EERef &EERef::update(uint8_t v) {
    EEPROM.update(index, v);
    return *this;
}
