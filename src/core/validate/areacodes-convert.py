#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Convert yescallop/areacodes result.csv (GB/T 2260 administrative division
# codes 1981–present, compiled from the Ministry of Civil Affairs' tables;
# licence CC0 1.0) into areacodes.tsv, the compact table bundled with the
# validate module:
#
#   code <TAB> full name <TAB> first year <TAB> last year (exclusive, empty while in use)
#
# One line per (code, name) period, sorted by code then first year.
# Usage: areacodes-convert.py result.csv > areacodes.tsv
import csv
import sys


def main():
    rows = []
    with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:
        reader = csv.reader(f)
        next(reader)
        for code, province, prefecture, name, level, status, start, end, *_ in reader:
            if level == '省级':
                full = province
            elif prefecture in ('', '直辖') or prefecture == name or level == '地级':
                full = province + name
            else:
                full = province + prefecture + name
            rows.append((code, int(start), full, end))
    rows.sort()
    out = sys.stdout
    out.write('# GB/T 2260 region codes 1981-present; source: github.com/yescallop/areacodes '
              '(result.csv, CC0 1.0); converted by areacodes-convert.py\n')
    for code, start, full, end in rows:
        out.write(f'{code}\t{full}\t{start}\t{end}\n')


if __name__ == '__main__':
    main()
