-- Role bindings to a GitHub login or a team of the org, everywhere or in one environment.
-- Self-contained: existing bindings (login + role, everywhere) are kept as user bindings.

-- DropIndex
DROP INDEX "role_bindings_login_role_key";

-- AlterTable: the login becomes the subject of a "user" binding; the scope starts empty (everywhere).
ALTER TABLE "role_bindings" RENAME COLUMN "login" TO "subject";
ALTER TABLE "role_bindings"
ADD COLUMN     "subject_type" TEXT NOT NULL DEFAULT 'user',
ADD COLUMN     "application" TEXT,
ADD COLUMN     "environment" TEXT;
ALTER TABLE "role_bindings" ALTER COLUMN "subject_type" DROP DEFAULT;

-- GitHub logins and team slugs compare case-insensitively: store them lower-case, keeping the
-- oldest of bindings that only differed by case.
DELETE FROM "role_bindings" AS later
USING "role_bindings" AS earlier
WHERE lower(later."subject") = lower(earlier."subject") AND later."role" = earlier."role"
  AND (later."created_at", later."id") > (earlier."created_at", earlier."id");
UPDATE "role_bindings" SET "subject" = lower("subject") WHERE "subject" <> lower("subject");

-- What Prisma cannot express: the kinds of subject, a scope that names both application and
-- environment or neither, subjects stored lower-case, and one binding per subject, role and scope
-- (NULLS NOT DISTINCT: the global scope's NULLs count as equal); the index also serves look-ups by subject.
ALTER TABLE "role_bindings"
  ADD CONSTRAINT "role_bindings_subject_type_check" CHECK ("subject_type" IN ('user', 'team')),
  ADD CONSTRAINT "role_bindings_subject_check" CHECK ("subject" = lower("subject") AND "subject" <> ''),
  ADD CONSTRAINT "role_bindings_scope_check" CHECK (("application" IS NULL) = ("environment" IS NULL));

CREATE UNIQUE INDEX "role_bindings_binding_key" ON "role_bindings"("subject_type", "subject", "role", "application", "environment") NULLS NOT DISTINCT;
