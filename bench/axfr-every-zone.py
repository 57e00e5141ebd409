#!/usr/bin/env python3
"""AXFR every zone of a directory of DIR/NAME.zone files once, in a random order (seed 7: the same
order every time), one TCP connection per transfer, from 127.0.0.1. Prints how many transfers
there were and how many were answered NOERROR. The client of bench/run-serve-transfers.sh: small
enough to read, the same for every server, and far from the server's own code.

    bench/axfr-every-zone.py PORT DIR [N]     # N: only the first N zones of that order
"""
import os
import random
import socket
import struct
import sys


def wire(name):
    return b''.join(bytes([len(label)]) + label.encode()
                    for label in name.rstrip('.').split('.')) + b'\0'


def main():
    port = int(sys.argv[1])
    names = sorted(f[:-5] for f in os.listdir(sys.argv[2]) if f.endswith('.zone'))
    random.seed(7)
    random.shuffle(names)
    if len(sys.argv) > 3:
        names = names[:int(sys.argv[3])]
    ok = 0
    for i, name in enumerate(names):
        query = struct.pack('>HHHHHH', i & 0xffff, 0, 1, 0, 0, 0) + wire(name) + struct.pack('>HH', 252, 1)
        s = socket.create_connection(('127.0.0.1', port))
        s.sendall(struct.pack('>H', len(query)) + query)
        data = b''
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
            if len(data) >= 2 and len(data) >= 2 + struct.unpack('>H', data[:2])[0]:
                break  # a small zone's transfer is one message
        s.close()
        if len(data) > 12 and (data[5] & 0xf) == 0:
            ok += 1
    print('transfers', len(names), 'ok', ok)


if __name__ == '__main__':
    main()
