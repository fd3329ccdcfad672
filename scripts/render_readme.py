#!/usr/bin/env python3
"""Renders README.md from scripts/README.template.md and real command output.

usage: scripts/tour.sh > /tmp/tour.md; ./prefdyn check --list --json > /tmp/list.json;
       ./prefdyn bench > /tmp/bench.txt; python3 bench/mrs_mpmath.py > /tmp/mpmath.txt;
       python3 scripts/render_readme.py /tmp/tour.md /tmp/list.json /tmp/bench.txt /tmp/mpmath.txt
"""
import glob, json, os, re, sys

tour, listing, bench, mpm = (open(p).read() for p in sys.argv[1:5])
blocks = tour.split('```console\n')[1:]

def block(prefix):
    for b in blocks:
        if b.startswith('$ ' + prefix):
            lines = [l for l in b.split('```')[0].splitlines() if not l.startswith('check [')]
            return '```console\n' + '\n'.join(lines) + '\n```\n'
    raise SystemExit('tour has no command starting with: ' + prefix)

props = glob.glob('properties/prefdyn/properties/*.java')
notes = glob.glob('proofs-notes/*.md')

def mentions(files, ident, own):
    for f in files:
        if os.path.basename(f).startswith(own):
            return f
    for f in sorted(files):
        if re.search(r'(?<![\w-])' + re.escape(ident) + r'(?![\w-])', open(f).read()):
            return f
    return None

rows = ['| ID | statement | status | property class | proofs-note |', '|---|---|---|---|---|']
for r in json.loads(listing):
    ident = r['id']
    own = ident.split('-')[0]
    if ident.startswith('DPO'):
        pc, nt = 'properties/prefdyn/properties/MrsDpoEmpiricalProperties.java', 'proofs-notes/MRS-DPO.md'
    else:
        pc = mentions(props, ident, own + 'Properties.java')
        nt = mentions(notes, ident, own + '.md')
    pcs = '[`%s`](%s)' % (os.path.basename(pc)[:-5], pc) if pc else 'search: `prefdyn search --conjecture %s`' % ident
    nts = '[%s](%s)' % (os.path.basename(nt), nt) if nt else '—'
    rows.append('| %s | %s | %s | %s | %s |' % (ident, r['statement'].replace('|', '\\|'), r['kind'], pcs, nts))

bench_lines = [l for l in bench.splitlines() if l.strip()]
mp = dict(re.findall(r'mpmath digits=(\d+) steps=\d+ seconds=([\d.]+)', mpm))
text = open('scripts/README.template.md').read()
text = re.sub(r'@@BLOCK:(.*?)@@\n', lambda m: block(m.group(1)), text)
text = text.replace('@@TABLE@@', '\n'.join(rows) + '\n')
text = text.replace('@@BENCH@@', '```console\n$ ./prefdyn bench\n' + '\n'.join(bench_lines) + '\n```\n')
text = text.replace('@@MPMATH@@', '%s s at 50 digits and %s s at 1,000 digits (its pure-Python backend)'
                    % (mp.get('50', '?'), mp.get('1000', '?')))
open('README.md', 'w').write(text)
print('README.md written')
