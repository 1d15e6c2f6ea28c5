"""pymake: GNU make 4.4.1, reimplemented in pure Python."""

__version__ = "0.1.0"
GNU_VERSION = "4.4.1"
