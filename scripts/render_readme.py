#!/usr/bin/env python3
"""Renders README.md from scripts/README.template.md, real command output and catalogue metadata.

usage: scripts/tour.sh > /tmp/tour.md
       ./prefdyn check --list --json > /tmp/list.json
       python3 scripts/render_readme.py /tmp/tour.md /tmp/list.json

The catalogue table comes from the catalogue's own metadata (`check --list --json`: ID, kind,
statement, proof note). The speed block is the checked-in docs/bench.txt, the output of one
`./prefdyn bench` run (refresh it with `./prefdyn bench > docs/bench.txt`); rendering never runs
a benchmark.
"""
import glob, json, os, re, sys

tour = open(sys.argv[1]).read()
listing = json.loads(open(sys.argv[2]).read())
bench = open('docs/bench.txt').read()
blocks = tour.split('```console\n')[1:]

def block(prefix):
    for b in blocks:
        if b.startswith('$ ' + prefix):
            lines = [l for l in b.split('```')[0].splitlines()
                     if not l.startswith('check [') and not l.startswith('prefdyn: building')]
            return '```console\n' + '\n'.join(lines) + '\n```\n'
    raise SystemExit('tour has no command starting with: ' + prefix)

GENERIC = 'properties/prefdyn/properties/StatementProperties.java'
props = sorted(p for p in glob.glob('properties/prefdyn/properties/*Properties.java') if p != GENERIC)

def own_class(ident):
    """The property class with this statement's extra examples: <ID>Properties, else one naming it."""
    own = 'properties/prefdyn/properties/%sProperties.java' % ident.replace('-', '')
    if os.path.exists(own):
        return own
    word = re.compile(r'(?<![\w-])' + re.escape(ident) + r'(?![\w-])')
    for p in props:
        if word.search(open(p).read()):
            return p
    return None

def link(path):
    return '[`%s`](%s)' % (os.path.basename(path)[:-5], path)

rows = ['| ID | statement | status | property classes | proofs-note |', '|---|---|---|---|---|']
for r in listing:
    if not r.get('builtIn', True):
        continue
    ident = r['id']
    if r['kind'] == 'conjecture':
        pcs = 'search: `prefdyn search --conjecture %s`' % ident
    else:
        own = own_class(ident)
        pcs = link(GENERIC) + (', ' + link(own) if own else '')
    nt = r.get('proofNote') or ''
    nts = '[%s](%s)' % (os.path.basename(nt), nt) if nt else '—'
    rows.append('| %s | %s | %s | %s | %s |' % (ident, r['statement'].replace('|', '\\|'), r['kind'], pcs, nts))

bench_lines = [l for l in bench.splitlines() if l.strip() and not l.startswith('prefdyn: building')]
text = open('scripts/README.template.md').read()
text = re.sub(r'@@BLOCK:(.*?)@@\n', lambda m: block(m.group(1)), text)
text = text.replace('@@TABLE@@', '\n'.join(rows) + '\n')
text = text.replace('@@BENCH@@', '```console\n$ ./prefdyn bench\n' + '\n'.join(bench_lines) + '\n```\n')
open('README.md', 'w').write(text)
print('README.md written')
