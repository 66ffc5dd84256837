#!/usr/bin/env python3
"""Render HTML reports in headless Chromium and check them.

Usage: scripts/render-check.py [--chromium PATH] OUT_DIR PAGE.html [PAGE.html ...]

For every page, in a fresh browser tab, this checks that
  * the page loads from its file:// URL without console errors, uncaught exceptions or
    error log entries (CSP violations are logged as errors);
  * every character of its text is covered by a font Chromium used for it (fontconfig's
    charsets), so nothing shows as an empty box;
  * it makes no other request at all: a report must be self-contained;
  * on screen, with the viewport at A4 width (210 mm = 794 CSS px), nothing is wider than
    the viewport (document scrollWidth and every element's right edge);
  * in print (emulated print media, viewport at the printable width of an A4 page after
    the page's own @page margins), nothing is wider than the printable area;
  * Chromium can print it to an A4 PDF.
It writes OUT_DIR/NAME.png (screen, full page), OUT_DIR/NAME.print.png (print media at the
printable width) and OUT_DIR/NAME.pdf (A4), prints one summary line per page (size, page
count, fonts Chromium used) and, for each failing page, one line "FAIL file: problem".
Exits 1 if any page fails, 2 if the browser cannot be run.

Chromium is driven through the DevTools protocol over --remote-debugging-pipe (file
descriptors 3 and 4, NUL-terminated JSON), so only the Python standard library is needed.
"""

import argparse
import base64
import fcntl
import json
import os
import pathlib
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
from urllib.parse import unquote

A4_WIDTH_MM, A4_HEIGHT_MM = 210.0, 297.0
PX_PER_MM = 96 / 25.4
A4_WIDTH_PX = round(A4_WIDTH_MM * PX_PER_MM)    # 794
A4_HEIGHT_PX = round(A4_HEIGHT_MM * PX_PER_MM)  # 1123
A4_WIDTH_IN, A4_HEIGHT_IN = 8.27, 11.69
TIMEOUT = 30.0


class BrowserError(Exception):
    pass


class Browser:
    """A headless Chromium spoken to over the DevTools pipe."""

    def __init__(self, executable):
        self.profile = tempfile.mkdtemp(prefix="render-check-")
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()
        read_end, write_end = to_browser_r, from_browser_w

        def child_fds():  # Chromium reads commands on fd 3 and writes replies on fd 4
            r = fcntl.fcntl(read_end, fcntl.F_DUPFD, 10)
            w = fcntl.fcntl(write_end, fcntl.F_DUPFD, 10)
            os.dup2(r, 3)
            os.dup2(w, 4)

        args = [
            executable, "--headless=new", "--no-sandbox", "--remote-debugging-pipe",
            f"--user-data-dir={self.profile}", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--disable-sync",
            "--disable-component-update", "--disable-default-apps", "--mute-audio",
            "--hide-scrollbars", "--disable-gpu", "--font-render-hinting=none",
            "--allow-file-access-from-files", "about:blank",
        ]
        self.log = open(os.path.join(self.profile, "chromium.log"), "w+b")
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=self.log,
                                     stderr=self.log, preexec_fn=child_fds,
                                     close_fds=True, pass_fds=(3, 4))
        os.close(read_end)
        os.close(write_end)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def close(self):
        try:
            self.send("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self.to_browser, self.from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)

    def browser_log(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-2000:]

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.from_browser], [], [], left)
            if not ready:
                return None
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise BrowserError("Chromium closed the DevTools pipe:\n" + self.browser_log())
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def send(self, method, params=None, session=None, timeout=TIMEOUT):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            data = data[os.write(self.to_browser, data):]
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply is None:
                raise BrowserError(f"no reply to {method} within {timeout:.0f} s")
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_for(self, method, session, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while True:
            for i, event in enumerate(self.events):
                if event["method"] == method and event.get("sessionId") == session:
                    return self.events.pop(i)
            reply = self._read_message(deadline)
            if reply is None:
                raise BrowserError(f"no {method} within {timeout:.0f} s")
            if "method" in reply:
                self.events.append(reply)

    def drain(self, seconds):
        """Collect events for a short while (late console messages, late requests)."""
        deadline = time.monotonic() + seconds
        while True:
            reply = self._read_message(deadline)
            if reply is None:
                return
            if "method" in reply:
                self.events.append(reply)

    def take_events(self, session):
        mine = [e for e in self.events if e.get("sessionId") == session]
        self.events = [e for e in self.events if e.get("sessionId") != session]
        return mine


# Measures how far the layout reaches: the document's scroll width and the right edge of
# the widest element (which also catches content clipped by overflow: hidden ancestors).
OVERFLOW_JS = r"""
(() => {
  const vw = window.innerWidth;
  let widest = null, right = 0;
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > right) { right = r.right; widest = el; }
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
      const s = getComputedStyle(el);
      if (s.overflowX !== 'visible' && s.overflowX !== 'auto' && s.overflowX !== 'scroll') {
        const over = el.getBoundingClientRect().left + el.scrollWidth;
        if (over > right) { right = over; widest = el; }
      }
    }
  }
  const describe = el => el ? el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') +
    ' "' + (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40) + '"' : '';
  return JSON.stringify({
    viewport: vw,
    scrollWidth: document.documentElement.scrollWidth,
    right: Math.ceil(right),
    widest: describe(widest),
    height: document.documentElement.scrollHeight,
  });
})()
"""

# The @page margins the page asks for, in CSS px (None where it sets none).
PAGE_MARGINS_JS = r"""
(() => {
  const px = v => {
    const m = /^(-?[\d.]+)(mm|cm|in|pt|px)$/.exec((v || '').trim());
    if (!m) return null;
    const k = {mm: 96 / 25.4, cm: 96 / 2.54, in: 96, pt: 96 / 72, px: 1}[m[2]];
    return parseFloat(m[1]) * k;
  };
  let left = null, right = null;
  for (const sheet of document.styleSheets) {
    let rules;
    try { rules = sheet.cssRules; } catch (e) { continue; }
    for (const rule of rules) {
      if (rule instanceof CSSPageRule && !rule.selectorText) {
        left = px(rule.style.getPropertyValue('margin-left')) ?? left;
        right = px(rule.style.getPropertyValue('margin-right')) ?? right;
      }
    }
  }
  return JSON.stringify({left, right});
})()
"""


def evaluate(browser, session, expression):
    result = browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                          session)
    if "exceptionDetails" in result:
        raise BrowserError("checker script failed: " +
                           result["exceptionDetails"].get("text", "exception"))
    return json.loads(result["result"]["value"])


def fonts_used(browser, session):
    """The platform fonts Chromium used for the text of the page, most glyphs first."""
    counts = {}
    browser.send("DOM.enable", session=session)
    browser.send("CSS.enable", session=session)
    root = browser.send("DOM.getDocument", {"depth": -1}, session)["root"]
    stack = [root]
    while stack:
        node = stack.pop()
        stack.extend(node.get("children", []))
        if node.get("nodeType") == 1:
            try:
                fonts = browser.send("CSS.getPlatformFontsForNode",
                                     {"nodeId": node["nodeId"]}, session)["fonts"]
            except BrowserError:
                continue
            for font in fonts:
                name = font.get("postScriptName") or font["familyName"]
                counts[name] = counts.get(name, 0) + font.get("glyphCount", 0)
    return [name for name, _ in sorted(counts.items(), key=lambda kv: -kv[1])]


def font_coverage():
    """The code points each installed font covers, by PostScript name (from fontconfig)."""
    try:
        listing = subprocess.run(["fc-list", "--format", "%{postscriptname}\t%{charset}\n"],
                                 capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    coverage = {}
    for line in listing.splitlines():
        name, _, ranges = line.partition("\t")
        spans = coverage.setdefault(name, [])
        for part in ranges.split():
            low, _, high = part.partition("-")
            spans.append((int(low, 16), int(high or low, 16)))
    return coverage


def missing_glyphs(text, fonts, coverage):
    """Characters of the rendered text that none of the fonts Chromium used can draw."""
    spans = [span for font in fonts for span in coverage.get(font, [])]
    missing = []
    for char in sorted(set(text)):
        code = ord(char)
        if char.isspace() or code < 0x20 or 0x200b <= code <= 0x200f or code == 0xfeff:
            continue
        if not any(low <= code <= high for low, high in spans):
            missing.append(char)
    return missing


def pdf_pages(pdf):
    """Page count and the distinct page sizes (in PostScript points) of a PDF."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.\-]+)\s+([\d.\-]+)\s+([\d.\-]+)\s+([\d.\-]+)\s*\]",
                       pdf)
    sizes = {(round(float(x1) - float(x0)), round(float(y1) - float(y0)))
             for x0, y0, x1, y1 in boxes}
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    return pages, sizes


def check_page(browser, path, out_dir):
    problems = []
    url = path.resolve().as_uri()
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    info = {}
    try:
        for domain in ("Page", "Runtime", "Log", "Network"):
            browser.send(f"{domain}.enable", session=session)
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": A4_WIDTH_PX, "height": A4_HEIGHT_PX, "deviceScaleFactor": 2,
                      "mobile": False}, session)
        browser.send("Emulation.setEmulatedMedia", {"media": "screen"}, session)
        browser.take_events(session)
        nav = browser.send("Page.navigate", {"url": url}, session)
        if nav.get("errorText"):
            return [f"did not load: {nav['errorText']}"], info
        browser.wait_for("Page.loadEventFired", session)
        browser.drain(0.5)

        # Screen, A4 width.
        screen = evaluate(browser, session, OVERFLOW_JS)
        info["height"] = screen["height"]
        if screen["scrollWidth"] > screen["viewport"]:
            problems.append(f"on screen at A4 width ({screen['viewport']} px) the page is "
                            f"{screen['scrollWidth']} px wide")
        elif screen["right"] > screen["viewport"]:
            problems.append(f"on screen at A4 width ({screen['viewport']} px) {screen['widest']} "
                            f"reaches {screen['right']} px")
        metrics = browser.send("Page.getLayoutMetrics", session=session)
        content = metrics.get("cssContentSize") or metrics["contentSize"]
        shot = browser.send("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": A4_WIDTH_PX, "height": content["height"], "scale": 1},
        }, session)
        (out_dir / f"{path.stem}.png").write_bytes(base64.b64decode(shot["data"]))
        info["fonts"] = fonts_used(browser, session)
        coverage = font_coverage()
        if coverage is not None:
            text = evaluate(browser, session, "JSON.stringify(document.body.innerText)")
            missing = missing_glyphs(text, info["fonts"], coverage)
            if missing:
                problems.append(f"no font used can draw {''.join(missing[:20])!r} "
                                f"({', '.join(f'U+{ord(c):04X}' for c in missing[:5])}"
                                f"{', ...' if len(missing) > 5 else ''}): "
                                f"they show as empty boxes; install a font that covers them")

        # Print: print media at the printable width of A4 after the page's @page margins.
        margins = evaluate(browser, session, PAGE_MARGINS_JS)
        default_margin = 0.4 * 96  # Chromium's own print margin when @page sets none
        left = margins["left"] if margins["left"] is not None else default_margin
        right = margins["right"] if margins["right"] is not None else default_margin
        printable = int(A4_WIDTH_MM * PX_PER_MM - left - right)
        info["printable"] = printable
        browser.send("Emulation.setEmulatedMedia", {"media": "print"}, session)
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": printable, "height": A4_HEIGHT_PX, "deviceScaleFactor": 2,
                      "mobile": False}, session)
        printed = evaluate(browser, session, OVERFLOW_JS)
        if printed["scrollWidth"] > printed["viewport"]:
            problems.append(f"in print the content is {printed['scrollWidth']} px wide, wider than "
                            f"the {printed['viewport']} px printable width of A4")
        elif printed["right"] > printed["viewport"]:
            problems.append(f"in print {printed['widest']} reaches {printed['right']} px, past the "
                            f"{printed['viewport']} px printable width of A4")
        metrics = browser.send("Page.getLayoutMetrics", session=session)
        content = metrics.get("cssContentSize") or metrics["contentSize"]
        shot = browser.send("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": printable, "height": content["height"], "scale": 1},
        }, session)
        (out_dir / f"{path.stem}.print.png").write_bytes(base64.b64decode(shot["data"]))
        browser.send("Emulation.clearDeviceMetricsOverride", session=session)

        pdf = base64.b64decode(browser.send("Page.printToPDF", {
            "paperWidth": A4_WIDTH_IN, "paperHeight": A4_HEIGHT_IN, "preferCSSPageSize": True,
            "printBackground": True,
        }, session, timeout=60)["data"])
        (out_dir / f"{path.stem}.pdf").write_bytes(pdf)
        pages, sizes = pdf_pages(pdf)
        info["pages"] = pages
        for width, height in sizes:
            if abs(width - 595) > 2 or abs(height - 842) > 2:
                problems.append(f"the PDF has a {width}x{height} pt page, not A4 (595x842 pt)")
        browser.drain(0.3)

        # Everything the page did, from loading to printing.
        for event in browser.take_events(session):
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                text = " ".join(str(a.get("value", a.get("description", "")))
                                for a in params.get("args", []))
                problems.append(f"console error: {text}")
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                text = details.get("exception", {}).get("description") or details.get("text")
                problems.append(f"uncaught exception: {text}")
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                entry = params["entry"]
                problems.append(f"{entry.get('source', 'browser')} error: {entry.get('text')}"
                                + (f" ({entry['url']})" if entry.get("url") else ""))
            elif method == "Network.requestWillBeSent":
                requested = params.get("request", {}).get("url", "")
                if unquote(requested.split("#", 1)[0]) != unquote(url):
                    problems.append(f"requests {requested[:120]} (a report must be self-contained)")
            elif method == "Network.loadingFailed" and params.get("type") == "Document":
                problems.append(f"failed to load: {params.get('errorText')}")
    finally:
        try:
            browser.send("Target.closeTarget", {"targetId": target})
        except BrowserError:
            pass
    # One line per distinct problem, in the order they happened.
    return list(dict.fromkeys(problems)), info


def find_chromium(given):
    for name in ([given] if given else []) + ["chromium", "chromium-browser", "google-chrome",
                                              "google-chrome-stable"]:
        found = shutil.which(name)
        if found:
            return found
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chromium", help="the browser to run (default: chromium on PATH)")
    parser.add_argument("out_dir", type=pathlib.Path, help="folder for the PNGs and PDFs")
    parser.add_argument("pages", nargs="+", type=pathlib.Path, help="HTML files to check")
    args = parser.parse_args()
    os.umask(0o077)  # the renders hold what the reports hold: personal data

    executable = find_chromium(args.chromium)
    if not executable:
        print("render-check: chromium not found (make render-check installs it)", file=sys.stderr)
        return 2
    args.out_dir.mkdir(parents=True, exist_ok=True)
    failures = []
    try:
        browser = Browser(executable)
    except OSError as error:
        print(f"render-check: cannot run {executable}: {error}", file=sys.stderr)
        return 2
    try:
        version = browser.send("Browser.getVersion").get("product", executable)
        print(f"render-check: {version}, A4 width {A4_WIDTH_PX} px, output in {args.out_dir}")
        for page in args.pages:
            if not page.is_file():
                failures.append(f"FAIL {page}: no such file")
                continue
            try:
                problems, info = check_page(browser, page, args.out_dir)
            except BrowserError as error:
                problems, info = [f"the check could not finish: {error}"], {}
            summary = (f"{page}: {info.get('height', '?')} px tall at A4 width, "
                       f"{info.get('pages', '?')} A4 page(s), printable width "
                       f"{info.get('printable', '?')} px, fonts {', '.join(info.get('fonts', [])) or '?'}")
            print(("FAIL " if problems else "ok   ") + summary)
            failures.extend(f"FAIL {page}: " + " ".join(problem.split()) for problem in problems)
    except BrowserError as error:
        print(f"render-check: {error}", file=sys.stderr)
        return 2
    finally:
        browser.close()
    for line in failures:
        print(line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
