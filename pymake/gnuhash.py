"""GNU make's hash-table order, for printing the `-p` database.

GNU make 4.4.1 prints variables and files by walking its hash tables
slot by slot (src/hash.c hash_map), so its dump lists them in slot
order.  This module computes that order.  The tables use open
addressing: a name goes to slot `hash & (size - 1)`, and a taken slot
sends it to the next one, because the second hash of string keys is 0
and hash_find_slot turns it into a step of 1.  Sizes are powers of
two, and a table doubles once fewer than size/16 slots are empty.

Variable names are hashed with jhash over their bytes, and file names
with jhash_string.  Both are Bob Jenkins' lookup3 mixing as src/hash.c
implements it, on a little-endian machine.
"""

MASK32 = 0xFFFFFFFF
JHASH_INITVAL = 0xDEADBEEF

# Initial table sizes: hash_init rounds the requested bucket counts up
# to a power of two (src/file.c 1000, src/variable.c 523 and 23).
FILE_TABLE_SIZE = 1024
GLOBAL_VARIABLE_TABLE_SIZE = 1024
FILE_VARIABLE_TABLE_SIZE = 32


def _rotate_left(value, count):
    return ((value << count) | (value >> (32 - count))) & MASK32


def _mix(a, b, c):
    a = (a - c) & MASK32
    a ^= _rotate_left(c, 4)
    c = (c + b) & MASK32
    b = (b - a) & MASK32
    b ^= _rotate_left(a, 6)
    a = (a + c) & MASK32
    c = (c - b) & MASK32
    c ^= _rotate_left(b, 8)
    b = (b + a) & MASK32
    a = (a - c) & MASK32
    a ^= _rotate_left(c, 16)
    c = (c + b) & MASK32
    b = (b - a) & MASK32
    b ^= _rotate_left(a, 19)
    a = (a + c) & MASK32
    c = (c - b) & MASK32
    c ^= _rotate_left(b, 4)
    b = (b + a) & MASK32
    return a, b, c


def _final(a, b, c):
    c ^= b
    c = (c - _rotate_left(b, 14)) & MASK32
    a ^= c
    a = (a - _rotate_left(c, 11)) & MASK32
    b ^= a
    b = (b - _rotate_left(a, 25)) & MASK32
    c ^= b
    c = (c - _rotate_left(b, 16)) & MASK32
    a ^= c
    a = (a - _rotate_left(c, 4)) & MASK32
    b ^= a
    b = (b - _rotate_left(a, 14)) & MASK32
    c ^= b
    c = (c - _rotate_left(b, 24)) & MASK32
    return c


def _word(data, start):
    """Return up to 4 bytes from `start` as a little-endian integer,
    padded with zero bytes."""
    return int.from_bytes(data[start:start + 4].ljust(4, b"\0"), "little")


def jhash(data):
    """Hash bytes of known length, as GNU make hashes variable names."""
    length = len(data)
    a = b = c = (JHASH_INITVAL + length) & MASK32
    pos = 0
    while length > 12:
        a = (a + _word(data, pos)) & MASK32
        b = (b + _word(data, pos + 4)) & MASK32
        c = (c + _word(data, pos + 8)) & MASK32
        a, b, c = _mix(a, b, c)
        length -= 12
        pos += 12
    if not length:
        return c
    if length > 8:
        a = (a + _word(data, pos)) & MASK32
        length -= 4
        pos += 4
    if length > 4:
        b = (b + _word(data, pos)) & MASK32
        length -= 4
        pos += 4
    # The last 1 to 4 bytes go into c, the first one lowest.
    tail = data[pos:pos + length]
    c = (c + int.from_bytes(tail, "little")) & MASK32
    return _final(a, b, c)


def jhash_string(data):
    """Hash NUL-terminated bytes, as GNU make hashes file names.

    The bytes are added to a, b and c in turn, 4 at a time, mixing after
    each c, until a group contains the terminating NUL.  The result adds
    the number of bytes consumed in whole groups.
    """
    registers = [JHASH_INITVAL] * 3
    pos = 0
    index = 0
    while True:
        chunk = data[pos:pos + 4]
        registers[index] = (registers[index] + _word(data, pos)) & MASK32
        if len(chunk) < 4:
            break
        pos += 4
        index += 1
        if index == 3:
            registers = list(_mix(*registers))
            index = 0
    return (_final(*registers) + pos) & MASK32


class SlotOrder:
    """An open-addressing table that only records where keys land.

    `insert` takes keys in the order GNU make would insert them; `keys`
    returns them in slot order.  Deleted entries are not modelled: a
    name that GNU make deleted and reinserted may sit elsewhere.
    """

    def __init__(self, size, hash_function):
        self.size = size
        self.hash_function = hash_function
        self.slots = [None] * size
        self.fill = 0

    def _find_slot(self, key, hash_value):
        index = hash_value & (self.size - 1)
        while self.slots[index] is not None and self.slots[index][0] != key:
            index = (index + 1) & (self.size - 1)
        return index

    def insert(self, key):
        hash_value = self.hash_function(key.encode("utf-8",
                                                   "surrogateescape"))
        index = self._find_slot(key, hash_value)
        if self.slots[index] is not None:
            return
        self.slots[index] = (key, hash_value)
        self.fill += 1
        # hash_insert_at rehashes once fewer than size/16 slots are
        # empty, and doubles the size when the fill reached the capacity
        # (size - size/16).  With no deletions both happen together.
        if self.size - self.fill < self.size // 16:
            self._grow()

    def _grow(self):
        old = self.slots
        self.size *= 2
        self.slots = [None] * self.size
        for entry in old:
            if entry is not None:
                self.slots[self._find_slot(entry[0], entry[1])] = entry

    def keys(self):
        return [entry[0] for entry in self.slots if entry is not None]


def slot_order(names, size, hash_function):
    """Return `names` (in GNU make's insertion order) in slot order."""
    table = SlotOrder(size, hash_function)
    for name in names:
        table.insert(name)
    return table.keys()
