// bench/duckdb.mjs: what an analyst would run today to get zi's numbers from
// the same CSV files, for `make bench` (bench/run.sh installs @duckdb/node-api
// into bench/node_modules, for the bench only). Each query is one SQL
// statement over the files, in a new process and a new in-memory database
// (cold); the result is printed as JSON, as zi prints its own.
//
//   node bench/duckdb.mjs status RECORDS YYYY-MM-DD   per unit and document:
//        the roster people owing it on that day, who signed, who is missing
//   node bench/duckdb.mjs score RECORDS YEAR          per unit: the sum of the
//        answers (choices as their multipliers) and their count
//   node bench/duckdb.mjs survey FILE                 the nine element means
import { DuckDBInstance } from '@duckdb/node-api';

const [what, arg, arg2] = process.argv.slice(2);
const q = (s) => "'" + String(s).replaceAll("'", "''") + "'";
const unitOf = "regexp_extract(filename, '([^/]+)\\.csv$', 1)";

const sql = {
  // the roster on the day: start <= day < end; pakta and gratifikasi owed by
  // everyone, lhkpn by those with lhkpn = true, lhkasn by the others; a pact
  // counts only when signed on or after the posting's start
  status: () => `
    WITH staff AS (
      SELECT ${unitOf} AS unit, nip, name, coalesce(start, '') AS start, lhkpn
      FROM read_csv(${q(arg + '/staff/*.csv')}, filename = true, all_varchar = true, header = true)
      WHERE coalesce(start, '') <= ${q(arg2)} AND (coalesce("end", '') = '' OR "end" > ${q(arg2)})
    ), sig AS (
      SELECT ${unitOf} AS unit, nip, doc, date
      FROM read_csv(${q(arg + '/signatures/*.csv')}, filename = true, all_varchar = true, header = true)
      WHERE coalesce(role, 'staff') = 'staff' AND date <= ${q(arg2)}
    ), owed AS (
      SELECT s.*, d.doc FROM staff s,
        (SELECT unnest(['pakta', 'gratifikasi', 'lhkpn', 'lhkasn']) AS doc) d
      WHERE (d.doc <> 'lhkpn' OR s.lhkpn = 'true') AND (d.doc <> 'lhkasn' OR s.lhkpn <> 'true')
    ), done AS (
      SELECT o.*, EXISTS (SELECT 1 FROM sig g WHERE g.unit = o.unit AND g.nip = o.nip
        AND g.doc = o.doc AND (o.doc <> 'pakta' OR o.start = '' OR g.date >= o.start)) AS signed
      FROM owed o
    )
    SELECT unit, doc, count(*) AS required, count(*) FILTER (WHERE signed) AS signed,
      list({nip: nip, name: name} ORDER BY nip) FILTER (WHERE NOT signed) AS missing
    FROM done GROUP BY unit, doc ORDER BY unit, doc`,
  score: () => `
    SELECT ${unitOf} AS unit, count(unit_answer) AS answers,
      sum(CASE unit_answer WHEN 'Ya' THEN 1 WHEN 'Tidak' THEN 0 WHEN 'A' THEN 1 WHEN 'B' THEN 0.75
        WHEN 'C' THEN 0.5 WHEN 'D' THEN 0.25 WHEN 'E' THEN 0
        ELSE try_cast(unit_answer AS DOUBLE) END) AS total
    FROM read_csv(${q(arg + '/lke/' + arg2 + '/*.csv')}, filename = true, all_varchar = true, header = true)
    GROUP BY unit ORDER BY unit`,
  survey: () => `
    SELECT avg(U1) AS U1, avg(U2) AS U2, avg(U3) AS U3, avg(U4) AS U4, avg(U5) AS U5,
      avg(U6) AS U6, avg(U7) AS U7, avg(U8) AS U8, avg(U9) AS U9
    FROM read_csv(${q(arg)}, delim = ';', header = true)`,
};

if (!sql[what] || !arg || (what !== 'survey' && !arg2)) {
  process.stderr.write('usage: node bench/duckdb.mjs status RECORDS DAY | score RECORDS YEAR | survey FILE\n');
  process.exit(2);
}
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const reader = await con.runAndReadAll(sql[what]());
process.stdout.write(JSON.stringify(reader.getRowObjectsJson()) + '\n');
con.closeSync();
db.closeSync();
