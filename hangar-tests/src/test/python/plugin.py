#!/usr/bin/env python3
"""A Docker volume plugin in Python, using only the standard library.

It speaks Docker's plugin protocol (HTTP/1.1 + JSON, keep-alive) on a unix socket, so that
Hangar's tests can discover and call a plugin written in another language:

    python3 plugin.py --socket /tmp/x/plugins/pyvol.sock --root /tmp/x/volumes

Volumes are directories under --root with per-caller mount references, kept in memory. It
prints "listening <socket>" once it accepts connections, and on SIGTERM/SIGINT stops and removes
its socket. Replies follow what Docker expects: 200 with a JSON body (at least {}) on success,
500 with {"Err": "..."} on a driver error, 400 for a body that is not JSON, 404 for an unknown
method. Every request is logged to stderr as "<method> <path> <status>".
"""

import argparse
import datetime
import http.server
import json
import os
import shutil
import signal
import socketserver
import sys
import threading

CONTENT_TYPE = "application/vnd.docker.plugins.v1.1+json"
MANIFEST = {"Implements": ["VolumeDriver"]}


class DriverError(Exception):
    """A failure reported to the caller as 500 {"Err": ...}."""


class Volumes:
    """Volumes as directories under a root; all methods are thread-safe."""

    def __init__(self, root):
        self.root = root
        self.lock = threading.Lock()
        self.volumes = {}  # name -> {"created": str, "mounts": set of caller ids}

    def _path(self, name):
        if not isinstance(name, str) or name in ("", ".", "..") or "/" in name or "\0" in name:
            raise DriverError("invalid volume name %r" % (name,))
        return os.path.join(self.root, name)

    def _get(self, name):
        self._path(name)
        if name not in self.volumes:
            raise DriverError("volume %s not found" % name)
        return self.volumes[name]

    def create(self, req):
        name = req.get("Name")
        path = self._path(name)
        with self.lock:
            if name not in self.volumes:
                os.makedirs(path, exist_ok=True)
                created = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
                self.volumes[name] = {
                    "created": created.isoformat().replace("+00:00", "Z"),
                    "opts": req.get("Opts") or {},
                    "mounts": set(),
                }
        return {}

    def remove(self, req):
        name = req.get("Name")
        with self.lock:
            vol = self._get(name)
            if vol["mounts"]:
                raise DriverError("volume %s is in use by %d caller(s)" % (name, len(vol["mounts"])))
            shutil.rmtree(self._path(name), ignore_errors=True)
            del self.volumes[name]
        return {}

    def mount(self, req):
        name, caller = req.get("Name"), req.get("ID")
        if not caller:
            raise DriverError("mount needs a caller ID")
        with self.lock:
            self._get(name)["mounts"].add(caller)
            return {"Mountpoint": self._path(name)}

    def unmount(self, req):
        name, caller = req.get("Name"), req.get("ID")
        with self.lock:
            vol = self._get(name)
            if caller not in vol["mounts"]:
                raise DriverError("volume %s is not mounted by %s" % (name, caller))
            vol["mounts"].discard(caller)
        return {}

    def path(self, req):
        name = req.get("Name")
        with self.lock:
            self._get(name)
            return {"Mountpoint": self._path(name)}

    def get(self, req):
        name = req.get("Name")
        with self.lock:
            vol = self._get(name)
            return {"Volume": {
                "Name": name,
                "Mountpoint": self._path(name),
                "CreatedAt": vol["created"],
                "Status": {"mounts": len(vol["mounts"]), "driver": "python"},
            }}

    def list(self, _req):
        with self.lock:
            return {"Volumes": [{"Name": n, "Mountpoint": self._path(n)} for n in sorted(self.volumes)]}

    @staticmethod
    def capabilities(_req):
        return {"Capabilities": {"Scope": "local"}}


class Handler(http.server.BaseHTTPRequestHandler):
    """Routes POST /<Interface>.<Method> to the driver."""

    protocol_version = "HTTP/1.1"  # keep-alive; every reply carries Content-Length
    server_version = "hangar-python-plugin/1"

    def address_string(self):
        return "unix"  # client_address is '' on unix sockets

    def log_message(self, fmt, *args):
        pass

    def _reply(self, status, body):
        data = (json.dumps(body) + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", CONTENT_TYPE)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        sys.stderr.write("%s %s %d\n" % (self.command, self.path, status))
        sys.stderr.flush()

    def _body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_POST(self):
        raw = self._body()
        method = self.path.split("?", 1)[0].lstrip("/")
        if method == "Plugin.Activate":
            return self._reply(200, MANIFEST)
        routes = {
            "VolumeDriver.Create": self.server.volumes.create,
            "VolumeDriver.Remove": self.server.volumes.remove,
            "VolumeDriver.Mount": self.server.volumes.mount,
            "VolumeDriver.Unmount": self.server.volumes.unmount,
            "VolumeDriver.Path": self.server.volumes.path,
            "VolumeDriver.Get": self.server.volumes.get,
            "VolumeDriver.List": self.server.volumes.list,
            "VolumeDriver.Capabilities": self.server.volumes.capabilities,
        }
        handler = routes.get(method)
        if handler is None:
            return self._reply(404, {"Err": "%s is not implemented by this plugin" % method})
        try:
            req = json.loads(raw.decode("utf-8")) if raw.strip() else {}
            if not isinstance(req, dict):
                raise ValueError("expected a JSON object")
        except ValueError as e:
            return self._reply(400, {"Err": "bad request body for %s: %s" % (method, e)})
        try:
            return self._reply(200, handler(req))
        except DriverError as e:
            return self._reply(500, {"Err": str(e)})


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--socket", required=True, help="unix socket path to listen on")
    parser.add_argument("--root", required=True, help="directory holding the volumes")
    args = parser.parse_args()

    os.makedirs(args.root, exist_ok=True)
    os.makedirs(os.path.dirname(os.path.abspath(args.socket)), exist_ok=True)
    if os.path.exists(args.socket):
        os.unlink(args.socket)
    server = Server(args.socket, Handler)
    os.chmod(args.socket, 0o660)
    server.volumes = Volumes(args.root)

    def stop(_signum, _frame):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print("listening %s" % args.socket, flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        if os.path.exists(args.socket):
            os.unlink(args.socket)


if __name__ == "__main__":
    main()
