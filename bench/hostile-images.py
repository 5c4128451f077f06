#!/usr/bin/env python3
"""Writes the worst hostile images of issue 23 as docker-archives into DIR (bench/run hostile scans each)."""
import hashlib, io, json, os, sqlite3, sys, tarfile, tempfile

def layer(files):
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as t:
        for name, data in files:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    return out.getvalue()

def archive(path, layers):
    out = io.BytesIO()
    names, diff_ids = [], []
    with tarfile.open(fileobj=out, mode="w") as t:
        for data in layers:
            digest = hashlib.sha256(data).hexdigest()
            name = digest + "/layer.tar"
            if name not in names:
                info = tarfile.TarInfo(name); info.size = len(data); t.addfile(info, io.BytesIO(data))
            names.append(name); diff_ids.append("sha256:" + digest)
        for name, doc in (("config.json", {"architecture": "amd64", "os": "linux",
                                           "rootfs": {"type": "layers", "diff_ids": diff_ids}}),
                          ("manifest.json", [{"Config": "config.json", "Layers": names}])):
            data = json.dumps(doc).encode(); info = tarfile.TarInfo(name); info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    with open(path, "wb") as f:
        f.write(out.getvalue())

def rpm_view():
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "rpmdb.sqlite")
        c = sqlite3.connect(db)
        c.execute("CREATE VIEW Packages AS WITH RECURSIVE r(hnum, blob) AS (SELECT 1, zeroblob(16)"
                  " UNION ALL SELECT hnum + 1, blob FROM r) SELECT hnum, blob FROM r")
        c.commit(); c.close()
        return open(db, "rb").read()

out = sys.argv[1]
status = b"Package: a\nVersion: 1\nDescription: x\n" + b" x\n" * 5_000_000
archive(f"{out}/dpkg-continuation-10MB.tar", [layer([("var/lib/dpkg/status", status)])])
archive(f"{out}/dpkg-bad-lines-20MB.tar", [layer([("var/lib/dpkg/status", b"garbage\n" * 2_500_000)])])
apk = b"P:a\nV:1\nF:" + b"d" * 4000 + b"\n" + b"R:f\n" * 1_000_000
archive(f"{out}/apk-F-x-R-4MB.tar", [layer([("lib/apk/db/installed", apk)])])
archive(f"{out}/rpm-recursive-view.tar", [layer([("var/lib/rpm/rpmdb.sqlite", rpm_view())])])
one = layer([("etc/hello", b"hi")])
archive(f"{out}/layer-listed-10000-times.tar", [one] * 10_000)
lists = [(f"var/lib/dpkg/info/p{i}.list", b"/usr/share/x\n" * (2_500_000)) for i in range(20)]
archive(f"{out}/dpkg-lists-20x32MB.tar", [layer(lists)])
archive(f"{out}/cargo-lock-million.tar", [layer([("app/Cargo.lock", b"[[package]]\nname = \"a\"\nversion = \"1\"\n" * 1_000_000)])])
