"""The deployment files: nginx's live-site.conf in front of a real granian, systemd units."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import ssl
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.netutil import free_port, wait_for

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
VENV_BIN = Path(sys.executable).parent

needs_nginx = pytest.mark.skipif(
    not os.path.exists(NGINX), reason="nginx is not installed (apt-get install nginx)"
)


def nginx_conf(tmp: Path, app_port: int, http_port: int, https_port: int, static: Path) -> Path:
    """live-site.conf with only its CHANGE lines (and log paths) pointed at test values."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=trienlam.test", "-keyout", str(tmp / "key.pem"),
         "-out", str(tmp / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    site = (DEPLOY / "nginx" / "live-site.conf").read_text()
    for old, new in {
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{app_port};",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen [::]:80;": "",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "listen [::]:443 ssl http2;": "",
        "/etc/letsencrypt/live/trienlam.example.gov.vn/fullchain.pem": str(tmp / "cert.pem"),
        "/etc/letsencrypt/live/trienlam.example.gov.vn/privkey.pem": str(tmp / "key.pem"),
        "/srv/trienlam/data/static/": f"{static}/",
        "/var/log/nginx/trienlam.access.log": str(tmp / "access.log"),
    }.items():
        assert old in site, old
        site = site.replace(old, new)
    (tmp / "live-site.conf").write_text(site)
    conf = tmp / "nginx.conf"
    conf.write_text(
        ("user root;\n" if os.geteuid() == 0 else "")  # test folders are private to us
        + f"""daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fcgi; uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
    include {tmp}/live-site.conf;
}}
"""
    )
    return conf


@needs_nginx
def test_live_site_conf_passes_nginx_t(tmp_path: Path) -> None:
    conf = nginx_conf(tmp_path, 8000, free_port(), free_port(), tmp_path / "static")
    done = subprocess.run([NGINX, "-t", "-c", str(conf)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "syntax is ok" in done.stderr


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """granian serving a fresh installation, and nginx with live-site.conf in front."""
    tmp_path = tmp_path_factory.mktemp("stack")
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRIENLAM_")}
    env.update(
        TRIENLAM_DATA_DIR=str(data),
        TRIENLAM_LOG_FORMAT="json",
        TRIENLAM_TRUSTED_PROXY_COUNT="1",
        # no deep-zoom viewer: collectstatic then takes a second, not a minute
        TRIENLAM_NODE_MODULES=str(tmp_path / "no-node-modules"),
        TRIENLAM_ALLOWED_HOSTS="trienlam.test, 127.0.0.1",
    )
    subprocess.run([VENV_BIN / "trienlam", "migrate", "-v0"], env=env, check=True, timeout=120)
    media = data / "media" / "originals" / "ab"
    media.mkdir(parents=True)
    (media / "secret.jpg").write_bytes(b"not for the public")
    subprocess.run(
        [VENV_BIN / "trienlam", "collectstatic", "--noinput", "-v0"], env=env, check=True
    )
    static = data / "static"
    app_port, http_port, https_port = free_port(), free_port(), free_port()
    app_log = (tmp_path / "app.log").open("w")
    app = subprocess.Popen(
        [VENV_BIN / "granian", "--interface", "wsgi", "trienlam.wsgi:application",
         "--host", "127.0.0.1", "--port", str(app_port), "--workers", "1", "--no-ws"],
        env=env, stdout=app_log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    conf = nginx_conf(tmp_path, app_port, http_port, https_port, static)
    web = subprocess.Popen([NGINX, "-c", str(conf)], stderr=subprocess.PIPE)
    try:
        wait_for(app_port)
        wait_for(https_port)
        yield {
            "app": app_port,
            "http": http_port,
            "https": https_port,
            "log": tmp_path / "app.log",
            "static": static,
        }
    finally:
        web.terminate()
        app.terminate()
        web.wait(10)
        app.wait(10)
        app_log.close()


def get(port: int, path: str, *, tls: bool = True) -> http.client.HTTPResponse:
    if tls:
        context = ssl._create_unverified_context()  # noqa: S323 - a self-signed test cert
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            "127.0.0.1", port, context=context, timeout=30
        )
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Host": "trienlam.test"})
    response = conn.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    conn.close()
    return response


@needs_nginx
def test_nginx_in_front_of_granian(stack: dict[str, object]) -> None:
    https, plain = int(stack["https"]), int(stack["http"])  # type: ignore[call-overload]
    redirect = get(plain, "/tu-lieu/x/", tls=False)
    assert redirect.status == 301
    assert redirect.getheader("Location") == "https://trienlam.test/tu-lieu/x/"

    home = get(https, "/")
    assert home.status == 200
    assert home.getheader("Cache-Control") == "public, max-age=60"
    request_id = home.getheader("X-Request-ID")
    assert request_id and len(request_id) == 32  # nginx's $request_id, passed through

    manifest = json.loads((Path(stack["static"]) / "staticfiles.json").read_text())  # type: ignore[arg-type]
    css_name = manifest["paths"]["trienlam/site.css"]
    assert css_name in home.body.decode()  # type: ignore[attr-defined]
    css = get(https, f"/static/{css_name}")
    assert css.status == 200
    assert css.body == (Path(stack["static"]) / css_name).read_bytes()  # type: ignore[attr-defined,arg-type]
    assert "immutable" in css.getheader("Cache-Control", "")

    # /media/ goes to the application, which refuses originals to the public
    secret = get(https, "/media/originals/ab/secret.jpg")
    assert secret.status == 404
    assert b"not for the public" not in secret.body  # type: ignore[attr-defined]

    health = get(https, "/suc-khoe/")
    assert health.status == 200

    log = Path(stack["log"]).read_text()  # type: ignore[arg-type]
    assert f'"request_id": "{request_id}"' in log
    assert "127.0.0.1" not in log.replace("127.0.0.1:", "")


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze missing")
@pytest.mark.parametrize(
    "unit", ["trienlam-web.service", "trienlam-worker.service", "trienlam-backup.service"]
)
def test_systemd_units_verify(tmp_path: Path, unit: str) -> None:
    """systemd-analyze verify, with the install paths pointed at this checkout."""
    text = (DEPLOY / "systemd" / unit).read_text()
    text = text.replace("/srv/trienlam/app/.venv/bin/", f"{VENV_BIN}/")
    text = text.replace("/srv/trienlam/app", str(ROOT))
    assert "ExecStart=" in text
    (tmp_path / unit).write_text(text)
    timer = DEPLOY / "systemd" / "trienlam-backup.timer"
    shutil.copy(timer, tmp_path / timer.name)
    done = subprocess.run(
        ["systemd-analyze", "verify", str(tmp_path / unit)], capture_output=True, text=True
    )
    problems = [
        line
        for line in done.stderr.splitlines()
        # this machine has no `trienlam` user and no /etc/trienlam: not errors in the unit
        if line.strip() and "trienlam.env" not in line and "User" not in line
    ]
    assert not problems, done.stderr


# --- smoke run of bench/serve.py's load generator (figures: bench/README.md) ---


@needs_nginx
@pytest.mark.skipif(not shutil.which("wrk"), reason="wrk is not installed (apt-get install wrk)")
@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two cores")
def test_wrk_on_granian_and_nginx(stack: dict[str, object]) -> None:
    from tests.operations.test_bench_serve_smoke import load_serve

    serve = load_serve()
    server_core, load_core = serve.cores()
    assert server_core != load_core
    app = serve.wrk(
        f"http://127.0.0.1:{stack['app']}/suc-khoe/", core=load_core, duration=1, connections=2
    )
    assert app["req_per_s"] > 0 and app["non_2xx"] == 0
    html = b"<!doctype html><title>x</title>" + b"x" * 5000
    static = serve.measure_static(
        html, "/tu-lieu/TL-1/", core=server_core, load_core=load_core, duration=1, connections=2
    )
    assert static["req_per_s"] > app["req_per_s"] / 10
    assert static["non_2xx"] == 0
