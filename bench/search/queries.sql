-- The queries the people page sends (as EF Core 10 writes them, ADR 0014), beside hand-written SQL on the same indexes.
-- Variables: org, usr (a case worker and their organisation). Picks a person of that organisation, two of their name
-- words and their IIN hash, then prints each query's plan once and its execution time over RUNS runs.
\set QUIET on
select p."Id" as pid, p."IinHash" as iin from "People" p join "PersonKeys" k on k."PersonId" = p."Id" and k."Kind" = 1 and k."Principal" = :'org'
  where p."IinHash" is not null order by p."Id" offset 777 limit 1 \gset
select string_agg(t."Hash", ',' order by t."Id") as toks from (select "Hash", "Id" from "PersonNameTokens" where "PersonId" = :'pid' order by "Id" limit 2) t \gset
select split_part(:'toks', ',', 1) as t1, split_part(:'toks', ',', 2) as t2 \gset
\set scope 'EXISTS (SELECT 1 FROM "PersonKeys" k WHERE k."PersonId" = p."Id" AND ((k."Kind" = 1 AND k."Principal" = ' :'org' ') OR (k."Kind" = 2 AND k."Principal" = ''00000000-0000-0000-0000-000000000000'') OR (k."Kind" = 3 AND k."Principal" = ' :'usr' ') OR (k."Kind" = 4 AND k."Principal" = ''00000000-0000-0000-0000-000000000000'') OR (k."Kind" = 5 AND k."Principal" = ''00000000-0000-0000-0000-000000000000'' AND k."ExpiresAt" > now()) OR (k."Kind" = 6 AND k."Principal" = ''00000000-0000-0000-0000-000000000000'') OR (k."Kind" = 7 AND k."Principal" = ''00000000-0000-0000-0000-000000000000'')))'
\set cols 'p."Id", p."GivenName", p."FamilyName", p."Patronymic", p."Sex", p."DateOfBirth", p."RegionCode", p."Locality", p."OrganisationId", p."UpdatedAt"'
\set app_list 'SELECT ' :cols ' FROM "People" p WHERE ' :scope ' AND p."MergedIntoId" IS NULL ORDER BY p."UpdatedAt" DESC, p."Id" DESC LIMIT 26'
\set ref_list 'SELECT ' :cols ' FROM "People" p WHERE p."MergedIntoId" IS NULL AND EXISTS (SELECT 1 FROM "PersonKeys" k WHERE k."PersonId" = p."Id" AND k."Kind" = 1 AND k."Principal" = ' :'org' ') ORDER BY p."UpdatedAt" DESC, p."Id" DESC LIMIT 26'
\set names 'p."Id" IN (SELECT p1."PersonId" FROM "PersonNameTokens" p1 INNER JOIN (SELECT p2."PersonId" FROM "PersonNameTokens" p2 WHERE p2."Hash" = ' :'t2' ') p3 ON p1."PersonId" = p3."PersonId" WHERE p1."Hash" = ' :'t1' ')'
\set app_name 'SELECT ' :cols ' FROM "People" p WHERE ' :scope ' AND p."MergedIntoId" IS NULL AND ' :names ' ORDER BY p."UpdatedAt" DESC, p."Id" DESC LIMIT 26'
\set app_name_count 'SELECT count(*) FROM (SELECT p."Id" FROM "People" p WHERE ' :scope ' AND p."MergedIntoId" IS NULL AND ' :names ' LIMIT 1001) c'
\set ref_name 'SELECT ' :cols ' FROM (SELECT a."PersonId" FROM "PersonNameTokens" a JOIN "PersonNameTokens" b ON b."PersonId" = a."PersonId" AND b."Hash" = ' :'t2' ' WHERE a."Hash" = ' :'t1' ') m JOIN "People" p ON p."Id" = m."PersonId" JOIN "PersonKeys" k ON k."PersonId" = p."Id" AND k."Kind" = 1 AND k."Principal" = ' :'org' ' WHERE p."MergedIntoId" IS NULL ORDER BY p."UpdatedAt" DESC, p."Id" DESC LIMIT 26'
\set app_iin 'SELECT ' :cols ' FROM "People" p WHERE ' :scope ' AND p."MergedIntoId" IS NULL AND p."IinHash" = ' :'iin' ' ORDER BY p."UpdatedAt" DESC, p."Id" DESC LIMIT 26'
\set ref_iin 'SELECT ' :cols ' FROM "People" p JOIN "PersonKeys" k ON k."PersonId" = p."Id" AND k."Kind" = 1 AND k."Principal" = ' :'org' ' WHERE p."IinHash" = ' :'iin' ' AND p."MergedIntoId" IS NULL'
\o /dev/null
