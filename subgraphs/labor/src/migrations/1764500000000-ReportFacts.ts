import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reports' per-household facts of each year (report/poverty-report.sql.ts and
 * coverage-report.sql.ts read them), materialized in `report_fact` and kept current by the
 * database itself, so every writer (review certification and corrections, imports, the demo
 * loader, plain SQL) leaves them right. Before, each report statement recomputed them from
 * every certified review of the unit's households: 2.6-3 s for a province of 257,169
 * households AS_IS, 5.6-7 s AS_WAS, 3.3-4 s for its coverage (local PostgreSQL 15, 2 vCPUs,
 * 1,000,000 seeded households); reading these rows, 0.32-0.41 s, 0.21-0.30 s and 0.36-0.42 s warm.
 *
 * The rule (one implementation, `report_fact_refresh`): a household's facts of year Y, from its
 * CERTIFIED reviews, corrections applied as known today (review/movements.ts):
 * - classification, deprived_mask (bit i - 1 = deprived on indicator i), review_id and
 *   review_commune_id (the commune version the review was recorded in: AS_WAS) of the year's
 *   review, null when none;
 * - movement (`movementOn` of the reviews up to Y): NEWLY_ARISING, RELAPSED, ESCAPED_POVERTY,
 *   ESCAPED_NEAR_POVERTY, STAYED or NONE; null when not reviewed in Y;
 * - newly_escaped: `isNewlyEscaped(reviews, 'Y-12-31')`, as known on that day (reviews and
 *   corrections certified by then): the latest review is not POOR and the year that left the
 *   poor list was first certified less than 36 months (NEWLY_ESCAPED_MONTHS) before that day;
 * - the household's today's province_code, commune_code, code, registered_on and
 *   no_working_capacity, carried so a report reads one index.
 * A row exists for (household, Y) when the household has a review of Y or is newly escaped on
 * Y-12-31. The years looked at: every year with a certified review, and for newly escaped the
 * years from the first certification of a year after a POOR one to the year its 36-month window
 * ends (so up to 3 years after the last certification). The rows never depend on today's date.
 * The rule's text is frozen here; changing it (or NEWLY_ESCAPED_MONTHS) takes a new migration
 * that replaces the function and refreshes the table (`SELECT report_fact_refresh(NULL)`).
 *
 * Kept current by statement-level triggers with transition tables: on poverty_review INSERT,
 * UPDATE and DELETE (rows certified before or after) and on household UPDATE (when a carried
 * column changes), each refreshing the households touched, in one statement whatever their
 * number. No trigger on household INSERT (a new household has no review yet, so no facts) nor
 * DELETE (its reviews must go first, their foreign key, and take its facts with them). A
 * household's row is locked (FOR NO KEY UPDATE) before its facts are rewritten, so two
 * transactions writing one household's reviews refresh one after the other, the second seeing
 * the first's rows. Bulk loaders may disable the triggers in their transaction and call
 * `report_fact_refresh(NULL)` once at the end (the seed does).
 */
export class ReportFacts1764500000000 implements MigrationInterface {
  name = 'ReportFacts1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_fact (
        household_id        uuid NOT NULL,
        year                smallint NOT NULL,
        province_code       varchar(5) NOT NULL,
        commune_code        varchar(5) NOT NULL,
        household_code      varchar(32) NOT NULL,
        registered_on       date NOT NULL,
        no_working_capacity boolean NOT NULL,
        review_id           uuid,
        review_commune_id   uuid,
        classification      varchar(24),
        deprived_mask       integer,
        movement            varchar(24),
        newly_escaped       boolean NOT NULL,
        CHECK ((review_id IS NULL) = (classification IS NULL) AND (review_id IS NULL) = (movement IS NULL)
               AND (review_id IS NULL) = (deprived_mask IS NULL) AND (review_id IS NULL) = (review_commune_id IS NULL)),
        CHECK (review_id IS NOT NULL OR newly_escaped)
      )`);
    // No foreign key to household: its row-by-row check would cost the bulk refresh more than
    // it guards (facts only exist for households with certified reviews, which keep them).
    await q.query(`
      CREATE FUNCTION report_fact_refresh(p_households uuid[]) RETURNS void LANGUAGE plpgsql AS $fn$
      BEGIN
        IF p_households IS NULL THEN
          TRUNCATE report_fact;
        ELSE
          PERFORM 1 FROM household WHERE id = ANY(p_households) ORDER BY id FOR NO KEY UPDATE;
          DELETE FROM report_fact WHERE household_id = ANY(p_households);
        END IF;
        EXECUTE format($rule$
          INSERT INTO report_fact (household_id, year, province_code, commune_code, household_code, registered_on,
                                   no_working_capacity, review_id, review_commune_id, classification, deprived_mask,
                                   movement, newly_escaped)
          WITH hh AS (
            SELECT h.id, h.province_code, h.commune_code, h.code, h.registered_on, h.no_working_capacity
              FROM household h %s
          ),
          rv AS (
            -- Certified reviews, with the day a certified correction replaced each (null: it stands).
            SELECT r.household_id AS hid, r.id, r.year, r.classification AS cls, r.deprived_indicators AS dep,
                   r.commune_id, r.certified_on, c.certified_on AS replaced_on,
                   CASE r.classification WHEN 'POOR' THEN 2 WHEN 'NEAR_POOR' THEN 1 ELSE 0 END AS rk
              FROM hh JOIN poverty_review r ON r.household_id = hh.id AND r.state = 'CERTIFIED'
              LEFT JOIN poverty_review c ON c.correction_of = r.id AND c.state = 'CERTIFIED'
          ),
          cur AS (
            -- The year's review as known today, the previous review's rank and the worst rank before.
            SELECT hid, year, id, cls, dep, commune_id, rk,
                   lag(rk) OVER w AS prev_rank,
                   max(rk) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS worst_before
              FROM rv WHERE replaced_on IS NULL
            WINDOW w AS (PARTITION BY hid ORDER BY year)
          ),
          first_poor AS (SELECT hid, min(year) AS year FROM rv WHERE cls = 'POOR' GROUP BY hid),
          ne_years AS (
            -- Years a household may be newly escaped in: from a certification of a year after a
            -- POOR one to the end of its window.
            SELECT DISTINCT o.hid, y.year
              FROM rv o JOIN first_poor p ON p.hid = o.hid AND o.year > p.year
             CROSS JOIN LATERAL generate_series(extract(year FROM o.certified_on)::int,
                                                extract(year FROM o.certified_on + make_interval(months => 36))::int) AS y(year)
          ),
          ne_d AS (
            -- As known on D = Y-12-31: the latest year's rank and the latest POOR year.
            SELECT n.hid, n.year, max(r.year * 4 + r.rk) FILTER (WHERE e.eff) %% 4 AS rank_d,
                   max(r.year) FILTER (WHERE e.eff AND r.cls = 'POOR') AS last_poor_d
              FROM ne_years n JOIN rv r ON r.hid = n.hid AND r.certified_on <= make_date(n.year, 12, 31)
             CROSS JOIN LATERAL (SELECT r.replaced_on IS NULL OR r.replaced_on > make_date(n.year, 12, 31) AS eff) e
             GROUP BY n.hid, n.year
          ),
          ne AS (
            -- The escape: the first year after the latest POOR one with a review certified by D; its
            -- list was first certified on that year's earliest certification. (year, day) packed as
            -- year * 100000 + days since 1900 so one min() picks both.
            SELECT d.hid, d.year
              FROM ne_d d JOIN rv r ON r.hid = d.hid AND r.certified_on <= make_date(d.year, 12, 31) AND r.year > d.last_poor_d
             WHERE d.rank_d <> 2
             GROUP BY d.hid, d.year
            HAVING make_date(d.year, 12, 31) < DATE '1900-01-01'
                     + (min(r.year * 100000 + (r.certified_on - DATE '1900-01-01')) %% 100000)::int
                     + make_interval(months => 36)
          )
          SELECT hh.id, coalesce(c.year, ne.year), hh.province_code, hh.commune_code, hh.code, hh.registered_on,
                 hh.no_working_capacity, c.id, c.commune_id, c.cls,
                 CASE WHEN c.id IS NOT NULL THEN (SELECT coalesce(bit_or(1 << (i - 1)), 0) FROM unnest(c.dep) AS i) END,
                 CASE WHEN c.id IS NULL THEN NULL
                      WHEN c.rk < c.prev_rank THEN CASE c.prev_rank WHEN 2 THEN 'ESCAPED_POVERTY' ELSE 'ESCAPED_NEAR_POVERTY' END
                      WHEN c.rk > coalesce(c.prev_rank, 0) THEN CASE WHEN c.worst_before >= c.rk THEN 'RELAPSED' ELSE 'NEWLY_ARISING' END
                      WHEN c.rk > 0 AND c.rk = c.prev_rank THEN 'STAYED'
                      ELSE 'NONE' END,
                 ne.hid IS NOT NULL
            FROM cur c FULL JOIN ne ON ne.hid = c.hid AND ne.year = c.year
            JOIN hh ON hh.id = coalesce(c.hid, ne.hid)
        $rule$, CASE WHEN p_households IS NULL THEN '' ELSE 'WHERE h.id = ANY($1)' END) USING p_households;
      END $fn$`);
    await q.query(
      `COMMENT ON FUNCTION report_fact_refresh(uuid[]) IS 'Recomputes the report facts of these households (NULL: of every household, the table emptied first).'`,
    );

    await q.query(`
      CREATE FUNCTION report_fact_after_review() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE ids uuid[];
      BEGIN
        -- Only certified rows carry facts: a change matters when the row is certified before or after.
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(DISTINCT household_id) INTO ids FROM new_rows WHERE state = 'CERTIFIED';
        ELSIF TG_OP = 'UPDATE' THEN
          SELECT array_agg(DISTINCT household_id) INTO ids
            FROM (SELECT household_id, state FROM new_rows UNION ALL SELECT household_id, state FROM old_rows) r
           WHERE state = 'CERTIFIED';
        ELSE
          SELECT array_agg(DISTINCT household_id) INTO ids FROM old_rows WHERE state = 'CERTIFIED';
        END IF;
        IF ids IS NOT NULL THEN
          PERFORM report_fact_refresh(ids);
        END IF;
        RETURN NULL;
      END $fn$`);
    await q.query(`CREATE TRIGGER report_fact_review_insert AFTER INSERT ON poverty_review
                   REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_fact_after_review()`);
    await q.query(`CREATE TRIGGER report_fact_review_update AFTER UPDATE ON poverty_review
                   REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_fact_after_review()`);
    await q.query(`CREATE TRIGGER report_fact_review_delete AFTER DELETE ON poverty_review
                   REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_fact_after_review()`);

    await q.query(`
      CREATE FUNCTION report_fact_after_household() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE ids uuid[];
      BEGIN
        SELECT array_agg(n.id) INTO ids
          FROM new_rows n JOIN old_rows o ON o.id = n.id
         WHERE (n.province_code, n.commune_code, n.code, n.registered_on, n.no_working_capacity)
               IS DISTINCT FROM (o.province_code, o.commune_code, o.code, o.registered_on, o.no_working_capacity);
        IF ids IS NOT NULL THEN
          PERFORM report_fact_refresh(ids);
        END IF;
        RETURN NULL;
      END $fn$`);
    await q.query(`CREATE TRIGGER report_fact_household_update AFTER UPDATE ON household
                   REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_fact_after_household()`);

    // The existing data, then the keys and indexes (built once rather than maintained row by row):
    // at 1,000,000 households (2,000,000 certified reviews) the fill took 23-27 s and the indexes 10 s.
    await q.query(`SELECT report_fact_refresh(NULL)`);
    // The triggers' refresh: a household's rows.
    await q.query(`ALTER TABLE report_fact ADD PRIMARY KEY (household_id, year)`);
    // AS_IS poverty and coverage: a year's rows of a province (and its communes), index-only.
    await q.query(`
      CREATE INDEX report_fact_unit_idx ON report_fact (year, province_code, commune_code)
        INCLUDE (registered_on, classification, deprived_mask, movement, newly_escaped, no_working_capacity,
                 household_id, household_code)`);
    // AS_WAS poverty: a year's reviews recorded in some commune versions.
    await q.query(`
      CREATE INDEX report_fact_review_commune_idx ON report_fact (review_commune_id, year)
        INCLUDE (province_code, commune_code, classification, deprived_mask, movement, newly_escaped)
        WHERE review_commune_id IS NOT NULL`);
    // A report reads one index range of a province, a few hundred thousand entries: a parallel
    // scan of it measured 1.5-2 times slower than a plain one on 2 vCPUs (the leader and two
    // workers share the cores, and the requests of other officers run meanwhile).
    await q.query(`ALTER TABLE report_fact SET (parallel_workers = 0)`);
    await q.query(`ANALYZE report_fact`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER report_fact_household_update ON household`);
    await q.query(`DROP FUNCTION report_fact_after_household()`);
    await q.query(`DROP TRIGGER report_fact_review_delete ON poverty_review`);
    await q.query(`DROP TRIGGER report_fact_review_update ON poverty_review`);
    await q.query(`DROP TRIGGER report_fact_review_insert ON poverty_review`);
    await q.query(`DROP FUNCTION report_fact_after_review()`);
    await q.query(`DROP FUNCTION report_fact_refresh(uuid[])`);
    await q.query(`DROP TABLE report_fact`);
  }
}
