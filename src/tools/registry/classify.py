"""What a cipher suite is made of, derived from its name, and how strong it is.

A TLS 1.0-1.2 name reads TLS_<key exchange>[_<authentication>][_EXPORT]_WITH_<cipher>_<MAC>; a TLS 1.3 name reads
TLS_<AEAD>_<hash>. The tables below turn the parts into the columns of cipher-suites.tsv; `strength` applies the
classification rules that CipherSuite's Javadoc and src/tools/registry/README.md document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

UP_TO_TLS12 = ["SSLv3", "TLSv1", "TLSv1_1", "TLSv1_2"]
EVERY_VERSION = UP_TO_TLS12 + ["TLSv1_3"]
FROM_TLS10 = ["TLSv1", "TLSv1_1", "TLSv1_2"]
PSK_KEY_EXCHANGES = {"PSK", "DHE_PSK", "RSA_PSK", "ECDHE_PSK"}

SIGNALING = {0x00FF: "RFC 5746 renegotiation protection", 0x5600: "RFC 7507 downgrade protection"}

# TLS 1.3 suites whose names still carry "_WITH_" (RFC 9367).
TLS13_WITH_NAMES = range(0xC103, 0xC107)

# Code points outside IANA's table whose testssl names would collide with another entry.
NAME_OVERRIDES = {
    0xFFE0: "SSL_RSA_FIPS_WITH_3DES_EDE_CBC_SHA_OLD",  # Netscape's first number for 0xFEFF
    0xFFE1: "SSL_RSA_FIPS_WITH_DES_CBC_SHA_OLD",  # Netscape's first number for 0xFEFE
}

# Code points known only by an OpenSSL name (GOST engine): key exchange, authentication, cipher, MAC.
OPENSSL_ONLY = {
    0xFF02: ("RSA", "RSA", "28147_CNT", "IMIT"),
    0xFF03: ("RSA", "RSA", "28147_CNT", "IMIT"),
    0xFF85: ("GOSTR341112_256", "GOSTR341012", "28147_CNT", "IMIT"),
    0xFF87: ("GOSTR341112_256", "GOSTR341012", "NULL", "STREEBOG256"),
}

KEY_EXCHANGE = {  # name part before _WITH_ -> (key exchange, authentication)
    "NULL": ("NULL", "NULL"),
    "RSA": ("RSA", "RSA"),
    "RSA_FIPS": ("RSA", "RSA"),
    "DH_DSS": ("DH", "DSS"),
    "DH_RSA": ("DH", "RSA"),
    "DHE_DSS": ("DHE", "DSS"),
    "DHE_RSA": ("DHE", "RSA"),
    "DH_anon": ("DH", "anon"),
    "KRB5": ("KRB5", "KRB5"),
    "PSK": ("PSK", "PSK"),
    "DHE_PSK": ("DHE_PSK", "PSK"),
    "PSK_DHE": ("DHE_PSK", "PSK"),
    "RSA_PSK": ("RSA_PSK", "RSA"),
    "ECDHE_PSK": ("ECDHE_PSK", "PSK"),
    "ECDH_ECDSA": ("ECDH", "ECDSA"),
    "ECDHE_ECDSA": ("ECDHE", "ECDSA"),
    "ECDH_RSA": ("ECDH", "RSA"),
    "ECDHE_RSA": ("ECDHE", "RSA"),
    "ECDH_anon": ("ECDH", "anon"),
    "SRP_SHA": ("SRP", "SRP"),
    "SRP_SHA_RSA": ("SRP", "RSA"),
    "SRP_SHA_DSS": ("SRP", "DSS"),
    "ECCPWD": ("ECCPWD", "ECCPWD"),
    "GOSTR341112_256": ("GOSTR341112_256", "GOSTR341012"),
    "GOSTR341094": ("GOSTR341094", "GOSTR341094"),
    "GOSTR341001": ("GOSTR341001", "GOSTR341001"),
    "GOSTR341094_RSA": ("RSA", "RSA"),
    "CECPQ1_RSA": ("CECPQ1", "RSA"),
    "CECPQ1_ECDSA": ("CECPQ1", "ECDSA"),
}

CIPHERS = {  # cipher -> (secret key bits as OpenSSL reports them, mode)
    "NULL": (0, "NONE"),
    "RC4_40": (40, "STREAM"), "RC4_56": (56, "STREAM"), "RC4_128": (128, "STREAM"),
    "RC2_CBC_40": (40, "CBC"), "RC2_56": (56, "CBC"),
    "DES40_CBC": (40, "CBC"), "DES_CBC_40": (40, "CBC"), "DES_CBC": (56, "CBC"),
    "3DES_EDE_CBC": (112, "CBC"), "IDEA_CBC": (128, "CBC"), "SEED_CBC": (128, "CBC"),
    "AES_128_CBC": (128, "CBC"), "AES_256_CBC": (256, "CBC"),
    "AES_128_GCM": (128, "AEAD"), "AES_256_GCM": (256, "AEAD"),
    "AES_128_CCM": (128, "AEAD"), "AES_256_CCM": (256, "AEAD"),
    "AES_128_CCM_8": (128, "AEAD"), "AES_256_CCM_8": (256, "AEAD"),
    "CAMELLIA_128_CBC": (128, "CBC"), "CAMELLIA_256_CBC": (256, "CBC"),
    "CAMELLIA_128_GCM": (128, "AEAD"), "CAMELLIA_256_GCM": (256, "AEAD"),
    "ARIA_128_CBC": (128, "CBC"), "ARIA_256_CBC": (256, "CBC"),
    "ARIA_128_GCM": (128, "AEAD"), "ARIA_256_GCM": (256, "AEAD"),
    "CHACHA20_POLY1305": (256, "AEAD"),
    "SM4_GCM": (128, "AEAD"), "SM4_CCM": (128, "AEAD"),
    "AEGIS_256": (256, "AEAD"), "AEGIS_128L": (128, "AEAD"),
    "KUZNYECHIK_CTR_OMAC": (256, "STREAM"), "MAGMA_CTR_OMAC": (256, "STREAM"),
    "28147_CNT_IMIT": (256, "STREAM"), "28147_CNT": (256, "STREAM"),
    "KUZNYECHIK_MGM_L": (256, "AEAD"), "KUZNYECHIK_MGM_S": (256, "AEAD"),
    "MAGMA_MGM_L": (256, "AEAD"), "MAGMA_MGM_S": (256, "AEAD"),
}

MACS = {"SHA": "SHA1", "MD5": "MD5", "SHA256": "SHA256", "SHA384": "SHA384", "SM3": "SM3",
        "GOSTR3411": "GOSTR3411", "GOST94": "GOST94", "IMIT": "IMIT", "OMAC": "OMAC"}

FORWARD_SECRET = {"ECDHE", "DHE", "ECDHE_PSK", "DHE_PSK", "ECCPWD", "SRP", "CECPQ1", "any"}
RECOMMENDED_AEADS = {"AES_128_GCM", "AES_256_GCM", "CHACHA20_POLY1305"}


@dataclass
class Suite:
    code: int
    name: str
    kx: str
    auth: str
    cipher: str
    mode: str
    bits: int
    mac: str
    fs: bool
    protocols: list[str]
    signaling: bool = False
    export: bool = False
    tls13: bool = False
    draft: bool = False


def describe(code: int, name: str) -> Suite:
    if code in SIGNALING:
        return Suite(code, name, "NULL", "NULL", "NULL", "NONE", 0, "NULL", False, EVERY_VERSION, signaling=True)
    if code in OPENSSL_ONLY:
        kx, auth, cipher, mac = OPENSSL_ONLY[code]
        return finish(code, name, kx, auth, cipher, mac, export=False, tls13=False, draft=False)
    body = re.sub(r"^(TLS|SSL)_", "", name)
    draft = body.endswith("_OLD")
    body = body.removesuffix("_OLD")
    if "_WITH_" not in body or code in TLS13_WITH_NAMES:
        aead = body.split("_WITH_")[-1]
        if aead in ("SHA256_SHA256", "SHA384_SHA384"):  # RFC 9150: integrity only
            return finish(code, name, "any", "any", "NULL", aead.split("_")[0], False, True, draft)
        if aead not in CIPHERS:
            aead = aead.rsplit("_", 1)[0]
        return finish(code, name, "any", "any", aead, "AEAD", False, True, draft)
    exchange, bulk = body.split("_WITH_")
    export = bool(re.search(r"_EXPORT(1024)?$", exchange))
    exchange = re.sub(r"_EXPORT(1024)?$", "", exchange)
    if exchange not in KEY_EXCHANGE:
        raise ValueError(f"{name}: no rule for key exchange {exchange}")
    kx, auth = KEY_EXCHANGE[exchange]
    if bulk in CIPHERS:
        cipher, mac = bulk, "AEAD" if CIPHERS[bulk][1] == "AEAD" else bulk.rsplit("_", 1)[1]
    else:
        cipher, mac = bulk.rsplit("_", 1)
    if cipher not in CIPHERS:
        raise ValueError(f"{name}: no rule for cipher {cipher}")
    if CIPHERS[cipher][1] == "AEAD":
        mac = "AEAD"
    return finish(code, name, kx, auth, cipher, MACS.get(mac, mac), export, False, draft)


def finish(code, name, kx, auth, cipher, mac, export, tls13, draft) -> Suite:
    bits, mode = CIPHERS[cipher]
    if tls13:
        protocols = ["TLSv1_3"]
    elif code in range(0xC100, 0xC103):
        protocols = ["TLSv1_2"]  # RFC 9189
    elif kx.startswith("GOST") or cipher.startswith("28147"):
        protocols = FROM_TLS10  # pre-IANA GOST suites of OpenSSL's GOST engine
    elif mode == "AEAD":
        protocols = ["TLSv1_2"]
    elif mac in ("SHA256", "SHA384"):
        # RFC 5487, 5489, 6209 and 6367 allow their PSK suites with SHA-2 HMACs from TLS 1.0 on (so does OpenSSL)
        protocols = FROM_TLS10 if kx in PSK_KEY_EXCHANGES else ["TLSv1_2"]
    elif export:
        protocols = ["SSLv3", "TLSv1"]  # RFC 4346: TLS 1.1 must not negotiate export suites
    elif cipher in ("DES_CBC", "IDEA_CBC"):
        protocols = ["SSLv3", "TLSv1", "TLSv1_1"]  # RFC 5246 removed DES and IDEA
    else:
        protocols = UP_TO_TLS12
    return Suite(code, name, kx, auth, cipher, mode, bits, MACS.get(mac, mac), kx in FORWARD_SECRET, protocols,
                 export=export, tls13=tls13, draft=draft)


NO_FORWARD_SECRECY = {
    "RSA": "no forward secrecy: static RSA key exchange",
    "DH": "no forward secrecy: static DH key exchange",
    "ECDH": "no forward secrecy: static ECDH key exchange",
    "PSK": "no forward secrecy: PSK key exchange without ephemeral Diffie-Hellman",
    "RSA_PSK": "no forward secrecy: RSA-encrypted PSK key exchange",
    "KRB5": "no forward secrecy: Kerberos key exchange",
}


def strength(s: Suite) -> tuple[str, str]:
    """(INSECURE|WEAK|SECURE|RECOMMENDED, every reason found at the deciding level, joined by "; ")."""
    if s.signaling:
        return "SECURE", ("signalling value, never negotiated: offering it is harmless and adds "
                          + SIGNALING[s.code])
    insecure = []
    if s.cipher == "NULL":
        insecure.append("NULL cipher: no encryption")
    if s.auth == "anon":
        insecure.append("anonymous key exchange: no server authentication")
    if s.export:
        insecure.append("export-grade: FREAK/Logjam")
    if s.cipher.startswith("RC4"):
        insecure.append("RC4 is prohibited by RFC 7465")
    if s.cipher.startswith(("DES", "DES40")):
        insecure.append("DES has a 56-bit key or less: brute-forceable (RFC 5469)")
    if s.cipher.startswith("RC2"):
        insecure.append("RC2 with a 40/56-bit key: brute-forceable")
    if s.mac == "MD5":
        insecure.append("MD5 MAC: MD5 is broken (RFC 6151)")
    if insecure:
        return "INSECURE", "; ".join(insecure)

    weak = []
    if s.cipher == "3DES_EDE_CBC":
        weak.append("3DES has a 64-bit block: SWEET32 (CVE-2016-2183)")
    if s.cipher == "IDEA_CBC":
        weak.append("IDEA has a 64-bit block: SWEET32 (CVE-2016-2183)")
    if s.cipher.startswith(("28147", "MAGMA")):
        weak.append("GOST 28147-89 (Magma) has a 64-bit block: SWEET32-style birthday attacks")
    if not s.fs:
        weak.append(NO_FORWARD_SECRECY.get(s.kx, f"no forward secrecy: static {s.kx} key transport"))
    if s.mode == "CBC":
        weak.append("CBC mode: Lucky13 and padding-oracle risks")
    if s.mode == "STREAM":
        weak.append("stream cipher with a separate MAC: not AEAD")
    if s.cipher.endswith("CCM_8"):
        weak.append("CCM_8 has a 64-bit authentication tag")
    if s.mac == "SHA1":
        weak.append("SHA-1 MAC: deprecated hash")
    if weak:
        return "WEAK", "; ".join(weak)

    if s.cipher in RECOMMENDED_AEADS and not s.draft and (
            s.tls13 or (s.kx in ("ECDHE", "DHE") and s.auth in ("RSA", "ECDSA"))):
        return "RECOMMENDED", "AEAD with forward secrecy (RFC 7525/9325 recommended)"
    outside = []
    for prefix, label in (("AES_128_CCM", "AES-CCM"), ("AES_256_CCM", "AES-CCM"), ("ARIA", "ARIA"),
                          ("CAMELLIA", "Camellia"), ("SM4", "SM4"), ("AEGIS", "AEGIS (draft)"),
                          ("KUZNYECHIK", "GOST Kuznyechik")):
        if s.cipher.startswith(prefix):
            outside.append(label)
    outside += {"DSS": ["DSS authentication"], "PSK": ["pre-shared key authentication"],
                "ECCPWD": ["password authentication (ECCPWD)"]}.get(s.auth, [])
    if s.kx == "CECPQ1":
        outside.append("experimental CECPQ1 key exchange")
    if s.draft:
        outside.append("pre-standard draft code point")
    return "SECURE", "AEAD with forward secrecy, outside the RFC 9325 recommended set: " + ", ".join(outside)


# -------------------------------------------------------------------------------------- cross-check with testssl

TESTSSL_KX = {"ECDHE": "ECDH", "DHE": "DH", "DHE_PSK": "DHEPSK", "ECDHE_PSK": "ECDHEPSK", "RSA_PSK": "RSAPSK",
              "NULL": "None"}
TESTSSL_AU = {"anon": "None", "NULL": "None", "GOSTR341094": "GOST94", "GOSTR341001": "GOST01",
              "GOSTR341012": "GOST01"}
TESTSSL_MAC = {"IMIT": "GOST89IMIT", "NULL": "Null"}
TESTSSL_PROTOCOL = {"SSLv3": "SSLv3", "TLSv1": "TLSv1", "TLSv1_1": "TLSv1.1", "TLSv1_2": "TLSv1.2",
                    "TLSv1_3": "TLSv1.3"}


def testssl_cipher(s: Suite) -> str:
    c = s.cipher
    if c == "NULL":
        return "None"
    if c == "3DES_EDE_CBC":
        return "3DES(168)"
    if c.startswith("28147") or c.startswith(("KUZNYECHIK", "MAGMA")):
        return "GOST(256)"
    if c == "CHACHA20_POLY1305":
        return "ChaCha20(256)"
    bits = CIPHERS[c][0]
    family = c.split("_")[0]
    family = {"DES40": "DES", "CAMELLIA": "Camellia"}.get(family, family)
    for suffix, tag in (("_GCM", "GCM"), ("_CCM_8", "CCM8"), ("_CCM", "CCM")):
        if c.endswith(suffix):
            return f"{family}{tag}({bits})"
    return f"{family}({bits})"


def compare_with_testssl(s: Suite, ts: dict) -> list[str]:
    if s.signaling:
        return []
    problems = []
    kx = f"{s.kx}/{s.auth}" if s.kx in ("DH", "ECDH") and s.auth not in ("anon", "NULL") else \
        "GOST" if s.kx.startswith("GOST") else TESTSSL_KX.get(s.kx, s.kx)
    au = s.kx if s.kx in ("DH", "ECDH") and s.auth not in ("anon", "NULL") else TESTSSL_AU.get(s.auth, s.auth)
    expected = {"kx": kx, "au": au, "enc": testssl_cipher(s), "mac": TESTSSL_MAC.get(s.mac, s.mac),
                "proto": TESTSSL_PROTOCOL[s.protocols[0]]}
    actual = dict(ts, kx=re.sub(r"\(.*\)", "", ts["kx"]))
    for column, value in expected.items():
        if actual[column] != value:
            problems.append(f"{column}: ours {value}, testssl {actual[column]}")
    if s.export != ts["export"]:
        problems.append(f"export: ours {s.export}, testssl {ts['export']}")
    return problems
