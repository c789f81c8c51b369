"""Recall and precision of the links rule on a repository's own URLs, judged independently of the linter.

Usage: python3 bench/self-links-recall.py <checkout> <report.json>
  <checkout>     a kubernetes/community checkout (a copy of ../shared/corpus/kubernetes-community made a
                 git repository with origin https://github.com/kubernetes/community.git and origin/HEAD
                 on master; see bench/RESULTS.md)
  <report.json>  `agentops-lint lint <checkout> --format json --no-cache` of that checkout

The judge greps every line of every Markdown file for default-branch URLs of the repository
(blob/tree/raw/edit/blame and raw.githubusercontent.com), percent-decodes each path and looks it up
in the checkout's file tree. It does not parse Markdown: a URL inside a code block counts, which the
linter rightly skips (the misses it lists are such lines). It prints the lines with a missing path
that the linter reports (recall), and the lines whose self-links all exist that it reports anyway.
"""
import json, os, re, sys, urllib.parse
root, report = sys.argv[1], sys.argv[2]
paths = set()
for dp, dns, fns in os.walk(root):
    dns[:] = [d for d in dns if d != '.git']
    rel = os.path.relpath(dp, root)
    rel = '' if rel == '.' else rel
    paths.add(rel)
    for f in fns: paths.add(os.path.join(rel, f) if rel else f)
URL = re.compile(r'https?://(?:www\.)?github\.com/kubernetes/community/(?:blob|tree|raw|edit|blame)/master(?:/([^\s)\]<>"\'#?`\\]*))?|https?://raw\.githubusercontent\.com/kubernetes/community/master/([^\s)\]<>"\'#?`\\]*)', re.I)
missing_lines, ok_lines = set(), set()
for p in sorted(paths):
    if not p.endswith('.md'): continue
    with open(os.path.join(root, p), encoding='utf-8', errors='replace') as fh:
        for n, line in enumerate(fh, 1):
            found = [m.group(1) if m.group(1) is not None else (m.group(2) or '') for m in URL.finditer(line)]
            if not found: continue
            bad = False
            for raw in found:
                target = urllib.parse.unquote(raw).rstrip('/').rstrip('.,;:')
                if target not in paths: bad = True
            (missing_lines if bad else ok_lines).add((p, n))
diags = json.load(open(report))['diagnostics']
reported = {(d['file'], d['line']) for d in diags if d['ruleId'] == 'links' and d['messageId'].startswith('self')}
hit = missing_lines & reported
print(f'lines with a missing default-branch self-link: {len(missing_lines)}; reported: {len(hit)} ({100*len(hit)/max(1,len(missing_lines)):.1f} %)')
print(f'lines whose self-links all exist: {len(ok_lines)}; reported anyway: {len(ok_lines & reported)}')
print(f'reported lines the script does not count: {len(reported - missing_lines - ok_lines)}')
for x in sorted(missing_lines - reported)[:40]: print('  missed', *x)
for x in sorted(ok_lines & reported)[:20]: print('  false', *x)
for x in sorted(reported - missing_lines - ok_lines)[:20]: print('  other', *x)
