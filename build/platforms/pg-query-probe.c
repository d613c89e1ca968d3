/*
 * pg-query-probe: loads one libpg_query build with dlopen() and parses with it, as the .NET binding does, so a
 * build/check-platforms.sh check can run a parser on a C library the .NET runtime cannot be run on here (musl).
 *
 *   pg-query-probe LIBRARY
 *
 * Prints two lines on stdout: the parse tree (JSON) of a PostgreSQL 17-only statement (MERGE ... RETURNING), and the
 * error of a statement the parser must reject, with its cursor position. Then parses the first statement again on
 * four threads at once (the parser keeps its state in thread-local storage) and checks every tree is the same.
 * On stderr it says which C library the process runs on: "glibc <version>", or "not glibc" (musl has no
 * gnu_get_libc_version), so a check can tell a musl process from a glibc one.
 * Exit code: 0 when all of that worked, 1 when the library did not load or a parse went wrong.
 *
 * The structs are libpg_query 17's (pg_query.h), as src/Supabase.Build.PgQuery/Native declares them.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *message;
    char *funcname;
    char *filename;
    int lineno;
    int cursorpos;
    char *context;
} PgQueryError;

typedef struct {
    char *parse_tree;
    char *stderr_buffer;
    PgQueryError *error;
} PgQueryParseResult;

static const char *const Merge =
    "MERGE INTO accounts a USING transfers t ON a.id = t.account_id "
    "WHEN MATCHED THEN UPDATE SET balance = a.balance + t.amount "
    "WHEN NOT MATCHED THEN INSERT (id, balance) VALUES (t.account_id, t.amount) "
    "RETURNING merge_action(), a.*";
static const char *const Invalid = "MERGE INTO accounts USING transfers ON WHEN MATCHED THEN DELETE";

enum { Threads = 4, Rounds = 50 };

static PgQueryParseResult (*parse)(const char *);
static void (*free_parse_result)(PgQueryParseResult);
static const char *expected;

static void *parse_repeatedly(void *unused)
{
    (void) unused;
    long failures = 0;
    for (int i = 0; i < Rounds; i++) {
        PgQueryParseResult result = parse(Merge);
        if (result.error != NULL || result.parse_tree == NULL || strcmp(result.parse_tree, expected) != 0) {
            failures++;
        }
        free_parse_result(result);
    }
    return (void *) failures;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: pg-query-probe LIBRARY\n");
        return 2;
    }

    const char *(*libc_version)(void) = (const char *(*)(void)) dlsym(RTLD_DEFAULT, "gnu_get_libc_version");
    fprintf(stderr, "pg-query-probe: C library: %s%s\n", libc_version ? "glibc " : "not glibc", libc_version ? libc_version() : "");

    void *library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        fprintf(stderr, "pg-query-probe: dlopen failed: %s\n", dlerror());
        return 1;
    }

    parse = (PgQueryParseResult (*)(const char *)) dlsym(library, "pg_query_parse");
    free_parse_result = (void (*)(PgQueryParseResult)) dlsym(library, "pg_query_free_parse_result");
    if (parse == NULL || free_parse_result == NULL) {
        fprintf(stderr, "pg-query-probe: pg_query_parse or pg_query_free_parse_result is not exported\n");
        return 1;
    }

    PgQueryParseResult merge = parse(Merge);
    if (merge.error != NULL) {
        fprintf(stderr, "pg-query-probe: the MERGE statement did not parse: %s\n", merge.error->message);
        return 1;
    }
    printf("%s\n", merge.parse_tree);
    expected = merge.parse_tree;

    PgQueryParseResult invalid = parse(Invalid);
    if (invalid.error == NULL) {
        fprintf(stderr, "pg-query-probe: the invalid statement parsed\n");
        return 1;
    }
    printf("error: %s (cursor position %d)\n", invalid.error->message, invalid.error->cursorpos);
    free_parse_result(invalid);

    pthread_t threads[Threads];
    for (int i = 0; i < Threads; i++) {
        if (pthread_create(&threads[i], NULL, parse_repeatedly, NULL) != 0) {
            fprintf(stderr, "pg-query-probe: pthread_create failed\n");
            return 1;
        }
    }
    long failures = 0;
    for (int i = 0; i < Threads; i++) {
        void *thread_failures;
        pthread_join(threads[i], &thread_failures);
        failures += (long) thread_failures;
    }
    free_parse_result(merge);
    if (failures != 0) {
        fprintf(stderr, "pg-query-probe: %ld of %d parses on %d threads differed or failed\n", failures, Threads * Rounds, Threads);
        return 1;
    }
    fflush(stdout);
    return 0;
}
