#!/usr/bin/env python3
"""Generate the TLS registry resources of io.tlsprobe from IANA's tables and cross-check them.

Usage:  python3 src/tools/registry/generate.py [--check]

Reads   src/tools/registry/iana/*.csv          copies of IANA's registry CSVs (see iana/SOURCES.md)
        src/tools/registry/sources/*.tsv       curated tables for registries without a CSV copy, and supplements
        /etc/testssl/cipher-mapping.txt    testssl.sh's cipher table (Debian package testssl.sh): OpenSSL names,
                                           code points IANA does not list, and Kx/Au/Enc/Mac to check against
        /etc/testssl/curves-mapping.txt    testssl.sh's group names
        `openssl ciphers -V -stdname ...`  the local OpenSSL's names (optional)
        `tshark -G values`                 Wireshark's value strings (optional)
Writes  src/main/resources/io/tlsprobe/registry/*.tsv
With --check it writes nothing and exits 1 when the committed files differ from what it would write (ignoring
the generation date).

Every disagreement between sources is printed as a line starting with "DISAGREE".
Standard library only (Python 3.11).
"""
from __future__ import annotations

import csv
import datetime
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # keep src/tools/registry free of __pycache__
import classify  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
OUT = ROOT / "src/main/resources/io/tlsprobe/registry"
IANA = HERE / "iana"
CURATED = HERE / "sources"
TESTSSL_CIPHERS = Path("/etc/testssl/cipher-mapping.txt")
TESTSSL_CURVES = Path("/etc/testssl/curves-mapping.txt")
OPENSSL_CIPHER_STRING = "ALL:COMPLEMENTOFALL:@SECLEVEL=0"

disagreements: list[str] = []


def disagree(message: str) -> None:
    disagreements.append(message)
    print("DISAGREE " + message)


# ---------------------------------------------------------------------------------------------------- reading


def read_iana_two_byte(path: Path) -> dict[int, list[str]]:
    """IANA cipher suite CSV rows with a single "0xHH,0xLL" value, keyed by code point."""
    rows = {}
    with path.open(newline="") as f:
        for row in list(csv.reader(f))[1:]:
            m = re.fullmatch(r"0x([0-9A-F]{2}),0x([0-9A-F]{2})", row[0])
            if m and row[1].startswith("TLS_"):
                rows[int(m[1] + m[2], 16)] = row
    return rows


def read_iana_single(path: Path, base: int) -> dict[int, list[str]]:
    """IANA CSV rows whose value is a single number (decimal or 0x hex); ranges and reserved rows are skipped."""
    rows = {}
    with path.open(newline="") as f:
        for row in list(csv.reader(f))[1:]:
            if not re.fullmatch(r"(0x[0-9A-Fa-f]+|\d+)", row[0]):
                continue
            name = row[1]
            if name in ("Reserved", "Unassigned") or name.startswith(("Reserved ", "Unassigned")):
                continue
            rows[int(row[0], base)] = row
    return rows


def read_curated(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text().splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:]]


def read_testssl_ciphers() -> dict[int, dict[str, str]]:
    """Two-byte (TLS, not SSLv2) lines of testssl's mapping: code -> openssl, iana, proto, kx, au, enc, mac."""
    if not TESTSSL_CIPHERS.exists():
        sys.exit(f"{TESTSSL_CIPHERS} is missing: install the Debian package testssl.sh")
    out = {}
    for line in TESTSSL_CIPHERS.read_text().splitlines():
        f = line.split()
        if not f or f[0].count(",") != 1:
            continue
        code = int(f[0].replace("0x", "").replace(",", ""), 16)
        cols = {kv.split("=", 1)[0]: kv.split("=", 1)[1] for kv in f[5:] if "=" in kv}
        out[code] = {"openssl": f[2], "iana": f[3], "proto": f[4], "kx": cols.get("Kx", ""),
                     "au": cols.get("Au", ""), "enc": cols.get("Enc", ""), "mac": cols.get("Mac", ""),
                     "export": "export" in f[5:]}
    return out


def read_openssl_ciphers() -> tuple[dict[int, tuple[str, str]], str]:
    if shutil.which("openssl") is None:
        print("note: openssl not found, its names are not cross-checked")
        return {}, ""
    version = subprocess.run(["openssl", "version"], capture_output=True, text=True).stdout.strip()
    text = subprocess.run(["openssl", "ciphers", "-V", "-stdname", OPENSSL_CIPHER_STRING],
                          capture_output=True, text=True, check=True).stdout
    out = {}
    for line in text.splitlines():
        f = line.split()
        out[int(f[0].replace("0x", "").replace(",", ""), 16)] = (f[2], f[4])
    return out, version


def read_tshark() -> tuple[dict[str, dict[int, str]], str]:
    if shutil.which("tshark") is None:
        print("note: tshark not found, Wireshark's names are not cross-checked")
        return {}, ""
    version = subprocess.run(["tshark", "-v"], capture_output=True, text=True).stdout.splitlines()[0]
    text = subprocess.run(["tshark", "-G", "values"], capture_output=True, text=True).stdout
    fields = {"tls.handshake.ciphersuite": "cipher", "tls.handshake.extensions_supported_group": "group",
              "tls.handshake.sig_hash_alg": "sigscheme", "tls.handshake.extension.type": "extension",
              "tls.alert_message.desc": "alert", "tls.handshake.comp_method": "compression"}
    out: dict[str, dict[int, str]] = {v: {} for v in fields.values()}
    for line in text.splitlines():
        f = line.split("\t")
        if len(f) >= 4 and f[0] == "V" and f[1] in fields:
            out[fields[f[1]]].setdefault(int(f[2], 0), f[3])
    return out, version


# ---------------------------------------------------------------------------------------------------- writing


def write_tsv(name: str, sources: list[str], columns: list[str], rows: list[list[str]], today: str) -> str:
    lines = [f"# {name}: generated by src/tools/registry/generate.py on {today}. Do not edit; regenerate.",
             "# Sources:"]
    lines += [f"#   {s}" for s in sources]
    lines.append("\t".join(columns))
    for row in rows:
        assert len(row) == len(columns), (name, row)
        assert all("\t" not in cell and "\n" not in cell for cell in row), row
        lines.append("\t".join(row))
    return "\n".join(lines) + "\n"


def hex4(code: int) -> str:
    return f"0x{code:04x}"


def yn(flag: bool) -> str:
    return "Y" if flag else "N"


# ---------------------------------------------------------------------------------------------------- registries


def cipher_suites(testssl, openssl, tshark) -> list[list[str]]:
    iana = read_iana_two_byte(IANA / "tls-parameters-4.csv")
    codes = sorted(set(iana) | set(testssl) | set(openssl))
    rows = []
    seen_names: dict[str, int] = {}
    for code in codes:
        ts = testssl.get(code)
        os_ = openssl.get(code)
        sources = [s for s, present in (("iana", code in iana), ("testssl", ts is not None),
                                        ("openssl", os_ is not None)) if present]
        if code in iana:
            name = iana[code][1]
            recommended = iana[code][3] == "Y"
        elif ts and ts["iana"] != "-":
            name = ts["iana"]
            recommended = False
        else:
            name = ts["openssl"] if ts else os_[1]
            recommended = False
        name = classify.NAME_OVERRIDES.get(code, name)
        if name in seen_names:
            sys.exit(f"duplicate cipher suite name {name}: {hex4(seen_names[name])} and {hex4(code)}")
        seen_names[name] = code

        openssl_name = ""
        if ts and ts["openssl"] != "-":
            openssl_name = ts["openssl"]
        if os_:
            if openssl_name and openssl_name != os_[1]:
                disagree(f"cipher {hex4(code)} OpenSSL name: testssl {openssl_name}, openssl {os_[1]}")
            openssl_name = os_[1]
            if code in iana and os_[0] != name:
                disagree(f"cipher {hex4(code)} standard name: IANA {name}, openssl {os_[0]}")
        if ts and code in iana and ts["iana"] not in ("-", name):
            disagree(f"cipher {hex4(code)} name: IANA {name}, testssl {ts['iana']}")
        wireshark = tshark.get("cipher", {}).get(code)
        if wireshark is not None:
            if wireshark == name:
                sources.append("tshark")
            else:
                disagree(f"cipher {hex4(code)} name: ours {name}, tshark {wireshark}")

        suite = classify.describe(code, name)
        if ts:
            for problem in classify.compare_with_testssl(suite, ts):
                disagree(f"cipher {hex4(code)} {name}: {problem}")
        strength, reason = classify.strength(suite)
        rows.append([hex4(code), name, "", openssl_name, suite.kx, suite.auth, suite.cipher, suite.mode,
                     str(suite.bits), suite.mac, yn(suite.fs), ",".join(suite.protocols), strength, reason,
                     yn(recommended), yn(suite.signaling), "+".join(sources)])
    return rows


def group_kind_and_bits(name: str) -> tuple[str, int]:
    lower = name.lower()
    if "mlkem" in lower or "kyber" in lower:
        hybrid = lower.startswith(("x25519", "secp", "x448"))
        return ("POST_QUANTUM_HYBRID" if hybrid else "POST_QUANTUM"), 0
    if lower.startswith("ffdhe"):
        return "FINITE_FIELD", int(lower[5:])
    if lower == "x25519":
        return "ELLIPTIC_CURVE", 253  # what OpenSSL reports as the key size
    if lower == "x448":
        return "ELLIPTIC_CURVE", 448
    if lower == "curvesm2":
        return "ELLIPTIC_CURVE", 256
    if lower.startswith("arbitrary_explicit"):
        return "ELLIPTIC_CURVE", 0
    m = re.match(r"(?:sect|secp|brainpoolp|gc)(\d+)", lower)
    if m:
        return "ELLIPTIC_CURVE", int(m[1])
    sys.exit(f"named group {name}: no rule gives its kind")


def named_groups(tshark) -> list[list[str]]:
    iana = read_iana_single(IANA / "tls-parameters-8.csv", 10)
    testssl_names = {}
    if TESTSSL_CURVES.exists():
        for line in TESTSSL_CURVES.read_text().splitlines():
            f = line.split()
            if len(f) >= 3:
                testssl_names[int(f[0].replace("0x", "").replace(",", ""), 16)] = f[2]
    rows = []
    for code, row in sorted(iana.items()):
        name = row[1].replace(" (OBSOLETE)", "")
        sources = ["iana"]
        if code in testssl_names:
            if testssl_names[code].lower() == name.lower():
                sources.append("testssl")
            else:
                disagree(f"group {hex4(code)} name: IANA {name}, testssl {testssl_names[code]}")
        wireshark = tshark.get("group", {}).get(code)
        if wireshark is not None:
            if wireshark.lower() == name.lower():
                sources.append("tshark")
            else:
                disagree(f"group {hex4(code)} name: IANA {name}, tshark {wireshark}")
        kind, bits = group_kind_and_bits(name)
        obsolete = "OBSOLETE" in row[1]
        rows.append([hex4(code), name, "", kind, str(bits), row[3] or "N", yn(obsolete), "+".join(sources)])
    for code in sorted(set(testssl_names) - set(iana)):
        disagree(f"group {hex4(code)} {testssl_names[code]} is in testssl's table but not in IANA's")
    return rows


def signature_schemes(tshark) -> list[list[str]]:
    iana = read_iana_single(IANA / "tls-signaturescheme.csv", 16)
    entries = {code: (row[1], row[2] or "N", "iana") for code, row in iana.items()}
    for row in read_curated(CURATED / "signature-schemes-legacy.tsv"):
        code = int(row["code"], 16)
        if code in entries:
            sys.exit(f"signature scheme {hex4(code)} is both in IANA's table and in the legacy supplement")
        entries[code] = (row["name"], "N", "rfc5246")
    rows = []
    for code, (name, recommended, origin) in sorted(entries.items()):
        sources = [origin]
        wireshark = tshark.get("sigscheme", {}).get(code)
        if wireshark is not None:
            if wireshark == name:
                sources.append("tshark")
            else:
                disagree(f"signature scheme {hex4(code)} name: ours {name}, tshark {wireshark}")
        rows.append([hex4(code), name, "", recommended, "+".join(sources)])
    return rows


def curated_registry(file: str, kind: str, tshark, extra_columns: list[str], width: int) -> list[list[str]]:
    rows = []
    for row in read_curated(CURATED / file):
        code = int(row["code"], 0)
        sources = ["curated(" + row["evidence"].replace(",", "+") + ")"]
        wireshark = tshark.get(kind, {}).get(code)
        if wireshark is not None:
            if normalise(wireshark) == normalise(row["name"]) or any(
                    normalise(wireshark) == normalise(a) for a in row["aliases"].split(",") if a):
                sources.append("tshark")
            else:
                disagree(f"{kind} {code} name: ours {row['name']}, tshark {wireshark}")
        code_text = f"0x{code:0{width}x}"
        rows.append([code_text, row["name"], row["aliases"]] + [row[c] for c in extra_columns]
                    + ["+".join(sources)])
    for code, name in sorted(tshark.get(kind, {}).items()):
        if code not in {int(r[0], 16) for r in rows} and "GREASE" not in name:
            disagree(f"{kind} {code} {name} is in tshark's table but not in ours")
    return sorted(rows, key=lambda r: int(r[0], 16))


def normalise(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower().replace("(deprecated)", "deprecated"))


# ---------------------------------------------------------------------------------------------------- main


def main() -> None:
    check = "--check" in sys.argv[1:]
    today = datetime.date.today().isoformat()
    testssl = read_testssl_ciphers()
    openssl, openssl_version = read_openssl_ciphers()
    tshark, tshark_version = read_tshark()
    common = [f"testssl.sh {TESTSSL_CIPHERS}" if TESTSSL_CIPHERS.exists() else "testssl.sh: absent",
              f"{openssl_version} `openssl ciphers -V -stdname '{OPENSSL_CIPHER_STRING}'`" if openssl_version
              else "openssl: absent",
              f"{tshark_version} `tshark -G values`" if tshark_version else "tshark: absent"]

    files = {}
    files["cipher-suites.tsv"] = write_tsv(
        "TLS cipher suites",
        ["IANA TLS Cipher Suites, src/tools/registry/iana/tls-parameters-4.csv "
         "(https://www.iana.org/assignments/tls-parameters/)"] + common
        + ["kx..reason derived from the name by src/tools/registry/classify.py"],
        ["code", "name", "aliases", "openssl", "kx", "auth", "cipher", "mode", "bits", "mac", "fs", "protocols",
         "strength", "reason", "recommended", "signaling", "sources"],
        cipher_suites(testssl, openssl, tshark), today)
    files["named-groups.tsv"] = write_tsv(
        "TLS supported groups",
        ["IANA TLS Supported Groups, src/tools/registry/iana/tls-parameters-8.csv "
         "(https://www.iana.org/assignments/tls-parameters/)", f"testssl.sh {TESTSSL_CURVES}"] + common[2:],
        ["code", "name", "aliases", "kind", "bits", "recommended", "obsolete", "sources"],
        named_groups(tshark), today)
    files["signature-schemes.tsv"] = write_tsv(
        "TLS signature schemes",
        ["IANA TLS SignatureScheme, src/tools/registry/iana/tls-signaturescheme.csv "
         "(https://www.iana.org/assignments/tls-parameters/)",
         "RFC 5246 hash/signature pairs, src/tools/registry/sources/signature-schemes-legacy.tsv"] + common[2:],
        ["code", "name", "aliases", "recommended", "sources"], signature_schemes(tshark), today)
    files["extension-types.tsv"] = write_tsv(
        "TLS extension types",
        ["curated src/tools/registry/sources/extension-types.tsv "
         "(mirrors https://www.iana.org/assignments/tls-extensiontype-values/, see its header)"] + common[2:],
        ["code", "name", "aliases", "iana", "reference", "sources"],
        curated_registry("extension-types.tsv", "extension", tshark, ["iana", "reference"], 4), today)
    files["alert-descriptions.tsv"] = write_tsv(
        "TLS alert descriptions",
        ["curated src/tools/registry/sources/alert-descriptions.tsv "
         "(mirrors https://www.iana.org/assignments/tls-parameters/ TLS Alerts, see its header)"] + common[2:],
        ["code", "name", "aliases", "reserved", "reference", "sources"],
        curated_registry("alert-descriptions.tsv", "alert", tshark, ["reserved", "reference"], 2), today)
    files["compression-methods.tsv"] = write_tsv(
        "TLS compression methods",
        ["curated src/tools/registry/sources/compression-methods.tsv "
         "(mirrors https://www.iana.org/assignments/comp-meth-ids/)"] + common[2:],
        ["code", "name", "aliases", "reference", "sources"],
        curated_registry("compression-methods.tsv", "compression", tshark, ["reference"], 2), today)

    stale = []
    for name, text in files.items():
        target = OUT / name
        if check:
            old = target.read_text() if target.exists() else ""
            strip = lambda t: re.sub(r"generated by .* on \d{4}-\d{2}-\d{2}", "", t)  # noqa: E731
            if strip(old) != strip(text):
                stale.append(name)
        else:
            OUT.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
        print(f"{name}: {sum(1 for line in text.splitlines() if line[:2] == '0x')} entries")
    print(f"{len(disagreements)} disagreement(s) between sources")
    if stale:
        sys.exit("out of date: " + ", ".join(stale))


if __name__ == "__main__":
    main()
