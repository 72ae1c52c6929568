#!/usr/bin/python3
"""The "for-loop vs vectorized" comparison of Dive into Deep Learning
(section 2.x: add two 10,000-element vectors), from Python: a Python for-loop,
NumPy, and lanes through a small ctypes binding (lanes_saxpy with alpha = 1,
each ISA this CPU runs), on the same data.

usage: /usr/bin/python3 bench/book_vector_add.py [path/to/liblanes.so]
(default: build/liblanes.so next to this checkout, then the system's).
Needs python3-numpy.
"""
import ctypes
import os
import statistics
import sys
import timeit

import numpy as np

N = 10000
HERE = os.path.dirname(os.path.abspath(__file__))


def load_lanes(path=None):
    for p in ([path] if path else []) + [os.path.join(HERE, "..", "build", "liblanes.so"),
                                         "liblanes.so.0"]:
        try:
            lib = ctypes.CDLL(p)
            break
        except OSError:
            continue
    else:
        sys.exit("cannot load liblanes.so: build it first (meson setup build && ninja -C build)")
    f = ctypes.POINTER(ctypes.c_float)
    lib.lanes_saxpy.argtypes = [ctypes.c_ssize_t, ctypes.c_float, f, ctypes.c_ssize_t, f,
                                ctypes.c_ssize_t]
    lib.lanes_saxpy.restype = ctypes.c_int
    lib.lanes_set_isa.argtypes = [ctypes.c_char_p]
    lib.lanes_isa.restype = ctypes.c_char_p
    lib.lanes_supported_isas.argtypes = [ctypes.POINTER(ctypes.c_char_p), ctypes.c_size_t]
    lib.lanes_supported_isas.restype = ctypes.c_size_t
    lib.lanes_set_num_threads.argtypes = [ctypes.c_int]
    return lib


def median_time(fn, number):
    """seconds per call: median of 7 repeats of `number` calls"""
    return statistics.median(t / number for t in timeit.repeat(fn, number=number, repeat=7))


def main():
    lib = load_lanes(sys.argv[1] if len(sys.argv) > 1 else None)
    lib.lanes_set_num_threads(1)
    rng = np.random.default_rng(0)
    a = rng.standard_normal(N, dtype=np.float32)
    b = rng.standard_normal(N, dtype=np.float32)
    la, lb = a.tolist(), b.tolist()

    def python_loop():  # the book's loop, over Python lists
        c = [0.0] * N
        for i in range(N):
            c[i] = la[i] + lb[i]
        return c

    def numpy_add():  # c = a + b
        return a + b

    out = np.empty(N, dtype=np.float32)
    pa = a.ctypes.data_as(ctypes.POINTER(ctypes.c_float))
    po = out.ctypes.data_as(ctypes.POINTER(ctypes.c_float))

    def lanes_add():  # out = b, then out += 1 * a: same result as a + b
        np.copyto(out, b)
        lib.lanes_saxpy(N, 1.0, pa, 1, po, 1)

    def lanes_add_inplace():  # y += x in place: the kernel alone (plus the ctypes call)
        lib.lanes_saxpy(N, 1.0, pa, 1, po, 1)

    lanes_add()
    assert np.array_equal(out, a + b), "lanes and NumPy disagree"

    rows = [("Python for-loop (lists)", median_time(python_loop, 20))]
    rows.append(("NumPy  c = a + b", median_time(numpy_add, 2000)))
    names = (ctypes.c_char_p * 8)()
    isas = [names[i].decode() for i in range(min(8, lib.lanes_supported_isas(names, 8)))]
    for isa in isas:
        lib.lanes_set_isa(isa.encode())
        rows.append(("lanes %-7s copy + saxpy" % isa, median_time(lanes_add, 2000)))
        rows.append(("lanes %-7s saxpy in place" % isa, median_time(lanes_add_inplace, 2000)))
    lib.lanes_set_isa(b"auto")
    base = rows[0][1]
    print("Add two %d-element float32 vectors, 1 thread (median of 7 repeats)" % N)
    print("%-34s %12s %12s" % ("", "time", "vs loop"))
    for name, t in rows:
        print("%-34s %9.2f us %11.0fx" % (name, t * 1e6, base / t))
    print("(the lanes rows include the ctypes call, about 1 us; NumPy's includes allocating c)")


if __name__ == "__main__":
    main()
