/* Queries by name, for the commands that answer them on their command line and one a
 * line in a batch (rota-cal, and the clock engines' commands to come): the words in
 * order with --batch, errors that point at a word, and a table of the queries. */
#include <config.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "../cmd.h"

enum { OPT_BATCH = 0x300, OPT_KEEP_GOING };

/* Digits as options that take the rest of the word: getopt reads -5m as -5 with "m". */
#define DIGIT(d) { NULL, d, "REST", OPTION_HIDDEN | OPTION_ARG_OPTIONAL, NULL, 0 }
static const struct argp_option options[] = {
	{ "batch", OPT_BATCH, NULL, 0, "Read queries from standard input, one a line", 0 },
	{ "keep-going", OPT_KEEP_GOING, NULL, 0,
	  "With --batch: answer a bad line with an empty line and go on (exit 2 at the end)", 0 },
	DIGIT('0'), DIGIT('1'), DIGIT('2'), DIGIT('3'), DIGIT('4'),
	DIGIT('5'), DIGIT('6'), DIGIT('7'), DIGIT('8'), DIGIT('9'),
	{ 0 }
};

static error_t
queries_opt(int key, char *arg, struct argp_state *state)
{
	struct cmd_queries *Q = state->input;
	cmd_words *q = &Q->words;
	char names[256];

	switch (key) {
	case ARGP_KEY_INIT:
		q->w = rota_xcalloc((size_t)state->argc + 1, sizeof *q->w);
		q->n = 0;
		break;
	case OPT_BATCH: Q->batch = 1; break;
	case OPT_KEEP_GOING: Q->keep_going = 1; break;
	case ARGP_KEY_ARG:   /* in order (ARGP_IN_ORDER), so that -5m keeps its place */
		q->w[q->n++] = arg;
		break;
	case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		/* the word is the one getopt just read, unless the digit came after options */
		if (strncmp(state->argv[state->next - 1], (char[]){ '-', (char)key, 0 }, 2) != 0)
			argp_error(state, "use -- before a negative value");
		q->w[q->n++] = state->argv[state->next - 1];
		break;
	case ARGP_KEY_END:
		if (Q->batch && q->n > 0)
			argp_error(state, "--batch reads its queries from standard input: "
			           "give no query on the command line");
		if (!Q->batch && q->n == 0)
			argp_error(state, "no query: expected %s",
			           cmd_query_names(Q->table, names, sizeof names));
		if (Q->keep_going && !Q->batch)
			argp_error(state, "--keep-going goes with --batch");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

const struct argp cmd_queries_argp = { options, queries_opt, NULL, NULL, NULL, NULL, NULL };

static long
word_col(const cmd_words *q, int i, long col)
{
	return q->cols ? q->cols[i] + (col > 0 ? col - 1 : 0) : 0;
}

int
cmd_word_error(const cmd_words *q, rota_error *err, int i, long col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rota_error_vset(err, ROTA_EXIT_USAGE, NULL, 0, word_col(q, i, col), fmt, ap);
	va_end(ap);
	return -1;
}

int
cmd_word_fail(const cmd_words *q, rota_error *err, int i, const rota_error *e)
{
	if (err != e)
		*err = *e;
	if (e->file[0] == '\0')   /* the message quotes the word; col points into the line */
		err->col = word_col(q, i, err->col);
	if (err->status == 0)
		err->status = ROTA_EXIT_USAGE;
	return -1;
}

int
cmd_query_run(const struct cmd_query *table, void *ctx, const cmd_words *q, rota_error *err)
{
	const struct cmd_query *k = table;
	char names[256];
	while (k->name && strcmp(q->w[0], k->name) != 0)
		k++;
	if (k->name == NULL)
		return cmd_word_error(q, err, 0, 0, "unknown query '%s': expected %s", q->w[0],
		                      cmd_query_names(table, names, sizeof names));
	if (q->n != k->nargs + 1)   /* point at the first word too many, if any */
		return cmd_word_error(q, err, q->n > k->nargs + 1 ? k->nargs + 1 : 0, 0,
		                      "%s takes %d arguments, %d given: %s %s", k->name, k->nargs,
		                      q->n - 1, k->name, k->args);
	return k->run(ctx, k, q, err);
}

const char *
cmd_query_names(const struct cmd_query *table, char *buf, size_t n)
{
	size_t o = 0;
	buf[0] = '\0';
	for (const struct cmd_query *k = table; k->name && o < n; k++)
		o += (size_t)snprintf(buf + o, n - o, "%s%s", k == table ? "" : k[1].name ? ", " :
		                      " or ", k->name);
	return buf;
}

char *
cmd_query_usage(const struct cmd_query *table, const char *more)
{
	rota_strbuf b = ROTA_STRBUF_INIT;
	for (const struct cmd_query *k = table; k->name; k++)
		rota_strbuf_printf(&b, "%s %s\n", k->name, k->args);
	rota_strbuf_puts(&b, more);
	return rota_strbuf_detach(&b);
}
