#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the built resubmit-check with the id, mrz and details subcommands and
# checks exit codes and JSON fields.
# Usage: test-cli-validate.py RESUBMIT_CHECK SOURCE_ROOT [MSGFMT]
import json
import os
import subprocess
import sys
import tempfile

binary, source_root = sys.argv[1], sys.argv[2]
msgfmt = sys.argv[3] if len(sys.argv) > 3 else ''
examples = os.path.join(source_root, 'docs', 'examples')
failures = []
count = 0

# ICAO Doc 9303 specimens (parts 4, 6 and 5).
TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10']
TD2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6']
TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<']


def run(args, today='2025-06-01', env_extra=None):
    env = dict(os.environ)
    env['LC_ALL'] = 'C.UTF-8'
    env['LANGUAGE'] = 'C'
    if today is None:
        env.pop('RESUBMIT_TODAY', None)
    else:
        env['RESUBMIT_TODAY'] = today
    env.update(env_extra or {})
    p = subprocess.run([binary] + args, capture_output=True, text=True, env=env, timeout=60)
    return p.returncode, p.stdout, p.stderr


def check(name, args, code, expect=None, **kw):
    """Run, check the exit code, parse the JSON (exit 0/1) and call expect."""
    global count
    count += 1
    rc, out, err = run(args, **kw)
    if rc != code:
        failures.append(f'{name}: exit {rc}, expected {code}\nstdout: {out}\nstderr: {err}')
        return None
    if code == 2:
        if out.strip():
            failures.append(f'{name}: usage error printed on stdout: {out}')
        if not err.strip():
            failures.append(f'{name}: usage error without a message on stderr')
        return None
    try:
        data = json.loads(out)
    except ValueError as e:
        failures.append(f'{name}: not one JSON object ({e}): {out}')
        return None
    try:
        if expect:
            expect(data)
    except AssertionError as e:
        failures.append(f'{name}: {e}\n{json.dumps(data, ensure_ascii=False, indent=1)}')
    return data


def ids(items):
    return [i['id'] for i in items]


def eq(a, b):
    assert a == b, f'{a!r} != {b!r}'


def valid_ric(d):
    eq(d['type'], 'cn-ric')
    eq(d['valid'], True)
    eq(d['normalized'], '11010519491231002X')
    eq(d['errors'], [])
    eq(d['warnings'], [])
    eq(d['fields']['birth_date'], '1949-12-31')
    eq(d['fields']['sex'], 'female')
    eq(d['fields']['region_code'], '110105')


# id
check('ric valid', ['id', '--type', 'cn-ric', '11010519491231002X'], 0,
      lambda d: (valid_ric(d), eq(d['input'], '11010519491231002X')))
check('ric full-width, lower x', ['id', '--type', 'cn-ric', '１１０１０５１９４９１２３１００２ｘ'], 0, valid_ric)
check('ric checksum', ['id', '--type', 'cn-ric', '110105194912310021'], 1,
      lambda d: (eq(d['valid'], False), eq(ids(d['errors']), ['checksum']),
                 eq('X' in d['errors'][0]['message'], True)))
check('ric legacy', ['id', '--type', 'cn-ric', '110105491231002'], 1,
      lambda d: eq(ids(d['errors']), ['legacy']))
check('ric length', ['id', '--type', 'cn-ric', '1101051949'], 1,
      lambda d: eq(ids(d['errors']), ['length']))
check('ric retired region', ['id', '--type', 'cn-ric', '110103200001010013'], 0,
      lambda d: (eq(ids(d['warnings']), ['region']), eq('崇文区' in d['warnings'][0]['message'], True)))
check('ric future birth', ['id', '--type', 'cn-ric', '110105201001010010'], 1,
      lambda d: eq(ids(d['errors']), ['date']), today='2009-01-01')
check('hkid brackets', ['id', '--type', 'hk-hkid', 'A123456(3)'], 0,
      lambda d: eq(d['normalized'], 'A123456(3)'))
check('hkid bare', ['id', '--type', 'hk-hkid', 'a1234563'], 0,
      lambda d: eq(d['normalized'], 'A123456(3)'))
check('hkid checksum', ['id', '--type', 'hk-hkid', 'A123456(7)'], 1,
      lambda d: eq(ids(d['errors']), ['checksum']))
check('mo-bir', ['id', '--type', 'mo-bir', '1234567(8)'], 0,
      lambda d: eq(ids(d['warnings']), ['checksum']))
check('tw-id', ['id', '--type', 'tw-id', 'A123456789'], 0,
      lambda d: eq(d['fields']['sex'], 'male'))
check('tw-id bad', ['id', '--type', 'tw-id', 'A123456780'], 1,
      lambda d: eq(ids(d['errors']), ['checksum']))
check('hk-mo-permit', ['id', '--type', 'hk-mo-permit', 'H12345678'], 0)
check('tw-permit', ['id', '--type', 'tw-permit', '12345678'], 0)
check('tw-permit bad', ['id', '--type', 'tw-permit', '1234567'], 1,
      lambda d: eq(ids(d['errors']), ['length']))
check('id unknown type', ['id', '--type', 'library-card', '1'], 2)
check('id no type', ['id', '11010519491231002X'], 2)
check('id no value', ['id', '--type', 'cn-ric'], 2)
check('id bad option', ['id', '--frobnicate'], 2)
check('bad RESUBMIT_TODAY', ['id', '--type', 'cn-ric', '11010519491231002X'], 2, today='tomorrow')


# mrz
def specimen(fmt, number):
    def f(d):
        eq(d['valid'], True)
        for k, v in {'format': fmt, 'document_number': number, 'surname': 'ERIKSSON',
                     'given_names': 'ANNA MARIA', 'nationality': 'UTO', 'birth_date': '1974-08-12',
                     'sex': 'female', 'expiry_date': '2012-04-15', 'issuing_state': 'UTO'}.items():
            eq(d['fields'][k], v)
        eq(ids(d['warnings']), ['expired'])
    return f


check('mrz td3', ['mrz'] + TD3, 0, specimen('td3', 'L898902C3'))
check('mrz td2', ['mrz'] + TD2, 0, specimen('td2', 'D23145890'))
check('mrz td1', ['mrz'] + TD1, 0, specimen('td1', 'D23145890'))
check('mrz lowercase and spaces', ['mrz', TD3[0].lower(), ' '.join([TD3[1][:10], TD3[1][10:]])], 0,
      specimen('td3', 'L898902C3'))
check('mrz not expired then', ['mrz'] + TD3, 0, lambda d: eq(d['warnings'], []), today='2010-01-01')
check('mrz composite', ['mrz', TD3[0], TD3[1][:-1] + '1'], 1,
      lambda d: eq(ids(d['errors']), ['composite']))
check('mrz checksum', ['mrz', TD3[0], TD3[1][:9] + '5' + TD3[1][10:]], 1,
      lambda d: eq('checksum' in ids(d['errors']), True))
check('mrz length', ['mrz', TD3[0], TD3[1][:-2]], 1,
      lambda d: eq(ids(d['errors']), ['length']))
check('mrz one short line', ['mrz', TD3[0]], 1, lambda d: eq(ids(d['errors']), ['length']))
check('mrz pasted as one line', ['mrz', TD3[0] + TD3[1]], 0, specimen('td3', 'L898902C3'))
check('mrz no line', ['mrz'], 2)
check('mrz four lines', ['mrz'] + TD1 + ['X'], 2)


# details
def all_valid(d):
    eq(d['valid'], True)
    eq(d['errors'], [])
    assert isinstance(d['fields'], list) and d['fields'], 'no per-field list'
    for f in d['fields']:
        assert set(f) == {'field', 'value', 'errors', 'warnings'}, f


n_examples = 0
for name in sorted(os.listdir(examples)):
    if name.startswith('details-') and name.endswith('.json'):
        n_examples += 1
        check(f'example {name}', ['details', '--profile', 'generic', os.path.join(examples, name)], 0, all_valid)
if n_examples != 8:
    failures.append(f'expected 8 example records, found {n_examples}')

with tempfile.TemporaryDirectory() as tmp:
    def write(name, record):
        path = os.path.join(tmp, name)
        with open(path, 'w', encoding='utf-8') as f:
            json.dump(record, f, ensure_ascii=False)
        return path

    with open(os.path.join(examples, 'details-cn-ric.json'), encoding='utf-8') as f:
        good = json.load(f)

    bad = json.loads(json.dumps(good))
    bad['fields'].update({'sex': 'female', 'id_number_confirm': '110105199001011223', 'name': '张San'})
    path = write('bad.json', bad)

    def bad_expect(d):
        eq(d['valid'], False)
        by_field = {(e['field'], e['id']) for e in d['errors']}
        for want in [('sex', 'mismatch'), ('id_number_confirm', 'mismatch'), ('name', 'name')]:
            assert want in by_field, f'missing {want}'
        fields = {f['field']: f for f in d['fields']}
        eq(ids(fields['sex']['errors']), ['mismatch'])
        eq(fields['name']['value'], '张San')
        eq(fields['id_number']['errors'], [])
    check('details cross-checks', ['details', path], 1, bad_expect)

    young = json.loads(json.dumps(good))
    young['fields'].update({'id_number': '110105200706020011', 'id_number_confirm': '110105200706020011',
                            'birth_date': '2007-06-02', 'valid_from': '2023-07-01', 'valid_until': '2033-07-01'})
    path = write('young.json', young)
    check('details age with profile', ['details', '--profile', 'generic', path], 1,
          lambda d: eq(('birth_date', 'age') in {(e['field'], e['id']) for e in d['errors']}, True))
    check('details age without profile', ['details', path], 0)
    check('details unknown profile', ['details', '--profile', 'no-such-platform', path], 2)

    # The example passport expires 2032-01-01: 12 days left is under 30.
    check('details expiry', ['details', '--profile', 'generic', os.path.join(examples, 'details-passport.json')], 1,
          lambda d: eq(ids(d['errors']), ['expiry']), today='2031-12-20')
    check('details expired', ['details', os.path.join(examples, 'details-passport.json')], 1,
          lambda d: eq(ids(d['errors']), ['expired']), today='2032-06-01')

    path = os.path.join(tmp, 'broken.json')
    with open(path, 'w') as f:
        f.write('{"document_type": "cn-ric", "fields": ')
    check('details broken JSON', ['details', path], 2)
    check('details missing file', ['details', os.path.join(tmp, 'nope.json')], 2)
    check('details no file', ['details'], 2)

    # Messages in Chinese, from this area's translations.
    po = os.path.join(source_root, 'po', 'fragments', 'validate.po')
    if msgfmt and os.path.exists(po):
        mo_dir = os.path.join(tmp, 'locale', 'zh_CN', 'LC_MESSAGES')
        os.makedirs(mo_dir)
        subprocess.run([msgfmt, '-o', os.path.join(mo_dir, 'resubmit.mo'), po], check=True)
        zh = {'LANGUAGE': 'zh_CN', 'RESUBMIT_LOCALEDIR': os.path.join(tmp, 'locale')}
        check('zh_CN checksum message', ['id', '--type', 'cn-ric', '110105194912310021'], 1,
              lambda d: eq('最后一位' in d['errors'][0]['message'], True), env_extra=zh)
        check('zh_CN details', ['details', os.path.join(tmp, 'bad.json')], 1,
              lambda d: eq(all(any('\u4e00' <= c <= '\u9fff' for c in e['message']) for e in d['errors']), True),
              env_extra=zh)
    else:
        print('# zh_CN checks skipped: msgfmt or po/fragments/validate.po missing')

for f in failures:
    print('FAIL', f)
print(f'{count - len(failures)}/{count} CLI checks passed')
sys.exit(1 if failures else 0)
