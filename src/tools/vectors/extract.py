#!/usr/bin/python3
"""Turns one capture of a TLS client's first flight into a ClientHello vector.

    extract.py CAPTURE.pcapng NAME OUTDIR

writes OUTDIR/NAME.hex (the TLS record(s) carrying the first ClientHello, lower-case hex, one line),
OUTDIR/NAME.tshark.json (tshark's dissection of that frame) and OUTDIR/NAME.expect.json (the same, flattened),
in the format of shared/vectors (see its README). Exits non-zero when the capture holds no complete ClientHello.
"""

import json
import subprocess
import sys

# The same -e list as shared/vectors, plus the compress_certificate algorithms.
FIELDS = [
    "frame.number",
    "tcp.srcport",
    "tcp.len",
    "tls.record.version",
    "tls.record.length",
    "tls.handshake.type",
    "tls.handshake.length",
    "tls.handshake.version",
    "tls.handshake.random",
    "tls.handshake.session_id_length",
    "tls.handshake.session_id",
    "tls.handshake.cipher_suites_length",
    "tls.handshake.ciphersuite",
    "tls.handshake.comp_methods_length",
    "tls.handshake.comp_method",
    "tls.handshake.extensions_length",
    "tls.handshake.extension.type",
    "tls.handshake.extension.len",
    "tls.handshake.extensions_server_name",
    "tls.handshake.extensions_supported_group",
    "tls.handshake.extensions_ec_point_format",
    "tls.handshake.sig_hash_alg",
    "tls.handshake.extensions_alpn_str",
    "tls.handshake.extensions.supported_version",
    "tls.handshake.extensions_key_share_group",
    "tls.extension.psk_ke_mode",
    "tls.handshake.extensions_status_request_type",
    "tls.compress_certificate.algorithm",
    "tls.handshake.ja3",
    "tls.handshake.ja3_full",
]

TIMEOUT = 60
SIGNATURE_ALGORITHMS_CERT = 50
HANDSHAKE = 22
CLIENT_HELLO = 1


def tshark(*args):
    return subprocess.run(
        ["tshark", *args], check=True, capture_output=True, text=True, timeout=TIMEOUT
    ).stdout


def first_client_hello(capture):
    out = tshark(
        "-r", capture, "-Y", "tls.handshake.type == 1",
        "-T", "fields", "-e", "frame.number", "-e", "tcp.stream", "-e", "tcp.srcport",
    )
    lines = [line.split("\t") for line in out.splitlines() if line.strip()]
    if not lines:
        sys.exit(f"{capture}: no ClientHello captured")
    frame, stream, port = lines[0]
    return int(frame), int(stream), int(port)


def client_bytes(capture, stream, port, last_frame):
    """The client's TCP payloads of one stream, in order, up to the frame where tshark saw the ClientHello."""
    out = tshark(
        "-r", capture,
        "-Y", f"tcp.stream == {stream} && tcp.srcport == {port} && tcp.len > 0 && frame.number <= {last_frame}"
              " && !tcp.analysis.retransmission",
        "-T", "fields", "-e", "tcp.payload",
    )
    return bytes.fromhex("".join(out.split()))


def client_hello_records(data):
    """The leading handshake records that together carry exactly one whole ClientHello message."""
    records = bytearray()
    handshake = bytearray()
    offset = 0
    needed = None
    while needed is None or len(handshake) < needed:
        if len(data) - offset < 5:
            sys.exit(f"incomplete capture: {len(handshake)} of {needed} ClientHello bytes")
        content_type = data[offset]
        length = int.from_bytes(data[offset + 3:offset + 5], "big")
        if content_type != HANDSHAKE:
            sys.exit(f"record at {offset} has content type {content_type}, not handshake")
        if len(data) - offset - 5 < length:
            sys.exit(f"incomplete record at {offset}: {len(data) - offset - 5} of {length} bytes")
        records += data[offset:offset + 5 + length]
        handshake += data[offset + 5:offset + 5 + length]
        offset += 5 + length
        if needed is None and len(handshake) >= 4:
            if handshake[0] != CLIENT_HELLO:
                sys.exit(f"first handshake message has type {handshake[0]}, not ClientHello")
            needed = 4 + int.from_bytes(handshake[1:4], "big")
    if len(handshake) != needed:
        sys.exit(f"the ClientHello records carry {len(handshake) - needed} bytes of a further message")
    return bytes(records)


def code_points(layers, field):
    return [int(value, 0) for value in layers.get(field, [])]


def flatten(layers):
    extensions = code_points(layers, "tls.handshake.extension.type")
    expect = {
        "cipher_suites": code_points(layers, "tls.handshake.ciphersuite"),
        "compression_methods": code_points(layers, "tls.handshake.comp_method"),
        "extensions": extensions,
        "supported_groups": code_points(layers, "tls.handshake.extensions_supported_group"),
        "ec_point_formats": code_points(layers, "tls.handshake.extensions_ec_point_format"),
        "supported_versions": code_points(layers, "tls.handshake.extensions.supported_version"),
        "server_name": (layers.get("tls.handshake.extensions_server_name") or [""])[0],
        "alpn": list(layers.get("tls.handshake.extensions_alpn_str", [])),
        "ja3_hash": layers["tls.handshake.ja3"][0],
        "ja3": layers["tls.handshake.ja3_full"][0],
    }
    if SIGNATURE_ALGORITHMS_CERT not in extensions:
        expect["signature_algorithms"] = code_points(layers, "tls.handshake.sig_hash_alg")
    expect["key_share_groups"] = code_points(layers, "tls.handshake.extensions_key_share_group")
    expect["psk_ke_modes"] = code_points(layers, "tls.extension.psk_ke_mode")
    return expect


def main(capture, name, outdir):
    frame, stream, port = first_client_hello(capture)
    records = client_hello_records(client_bytes(capture, stream, port, frame))

    dissection = tshark("-r", capture, "-Y", f"frame.number == {frame}", "-T", "json",
                        *[arg for field in FIELDS for arg in ("-e", field)])
    packets = json.loads(dissection)
    if len(packets) != 1:
        sys.exit(f"expected one dissected frame, got {len(packets)}")
    layers = packets[0]["_source"]["layers"]

    with open(f"{outdir}/{name}.hex", "w") as f:
        f.write(records.hex() + "\n")
    with open(f"{outdir}/{name}.tshark.json", "w") as f:
        f.write(dissection)
    with open(f"{outdir}/{name}.expect.json", "w") as f:
        json.dump(flatten(layers), f, indent=1)
    print(f"{name}: frame {frame}, {len(records)} bytes, ja3 {layers['tls.handshake.ja3'][0]}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
