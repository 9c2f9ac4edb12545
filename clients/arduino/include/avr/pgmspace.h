/* avr/pgmspace.h - program-memory helpers; on the host, flash is ordinary memory. */
#ifndef BACKFLUSH_PGMSPACE_H
#define BACKFLUSH_PGMSPACE_H

#include <stdint.h>
#include <string.h>

#define PROGMEM
#define PGM_P const char *
#define PSTR(s) (s)
#define pgm_read_byte(addr) (*(const uint8_t *)(addr))
#define pgm_read_word(addr) (*(const uint16_t *)(addr))
#define pgm_read_dword(addr) (*(const uint32_t *)(addr))
#define pgm_read_float(addr) (*(const float *)(addr))
#define pgm_read_ptr(addr) (*(void *const *)(addr))
#define strcpy_P strcpy
#define strncpy_P strncpy
#define strcmp_P strcmp
#define strlen_P strlen
#define memcpy_P memcpy

/** The type F("...") returns: a string kept in flash on an AVR. */
class __FlashStringHelper;
#define F(string_literal) (reinterpret_cast<const __FlashStringHelper *>(string_literal))

#endif
