/* cliargs: the command line's words as one table: every command, every
 * option, which commands take which option, what each one's value is.
 * The parser (cli.c), the shell completion (`teamtui __complete`,
 * complete.c) and the man page's test (tests/man.sh, through
 * __complete) read these tables, so none of them can drift from the
 * others. */
#ifndef TEAMTUI_CLIARGS_H
#define TEAMTUI_CLIARGS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Commands, in the order `teamtui --help` and the completion list them. */
typedef enum {
	CLI_CMD_GROUPS,
	CLI_CMD_SHOW,
	CLI_CMD_PERSON,
	CLI_CMD_ORG,
	CLI_CMD_ESCALATE,
	CLI_CMD_CHECK,
	CLI_CMD_WHO,
	CLI_CMD_TABLES,
	CLI_CMD_SNAPSHOT,
	CLI_CMD_SYNC,
	CLI_CMD_CHANGES,
	CLI_CMD_OKRS,
	CLI_CMD_CONFIG,
	CLI_CMD_VERSION,
	CLI_CMD_HELP,
	CLI_CMD_COMPLETE, /* __complete: hidden, for the shells' scripts */
	CLI_NCMDS
} cli_cmd;

/* What a command's argument names: what completes it. */
typedef enum {
	CLI_ARG_NONE,	     /* takes no argument */
	CLI_ARG_GROUP,	     /* a group id or name */
	CLI_ARG_PERSON,	     /* a slug, @handle or 'me' */
	CLI_ARG_PERSON_GROUP, /* either */
	CLI_ARG_TEXT,	     /* free words (who's query) */
	CLI_ARG_WORDS,	     /* __complete's: the words to complete */
} cli_arg_kind;

typedef struct cli_command {
	const char *name;
	const char *metavar;  /* "GROUP", "[PAGE|GROUP]"; NULL: none */
	cli_arg_kind arg;
	bool arg_required;    /* false: optional (tables) or none */
	bool hidden;	      /* not in --help nor in the completion */
	const char *summary;  /* one line, for the completion's description */
} cli_command;

/* Options. Every one is accepted before or after the command; one that
 * the command does not take is a usage error naming the commands that
 * do (cliargs_check). */
typedef enum {
	CLI_OPT_ROSTER,
	CLI_OPT_PEOPLE,
	CLI_OPT_DATA,
	CLI_OPT_JSON,
	CLI_OPT_NO_PAGER,
	CLI_OPT_NO_SNAPSHOT,
	CLI_OPT_LIMIT,
	CLI_OPT_AWAKE,
	CLI_OPT_AT,
	CLI_OPT_DEPTH,
	CLI_OPT_DOT,
	CLI_OPT_OUTPUT,
	CLI_OPT_QUIET,
	CLI_OPT_SINCE,
	CLI_OPT_OFFLINE,
	CLI_OPT_REFRESH,
	CLI_OPT_HELP,
	CLI_OPT_VERSION,
	CLI_NOPTS
} cli_opt;

/* What completes an option's value. */
typedef enum {
	CLI_VALUE_NONE,	  /* a flag: no value */
	CLI_VALUE_DIR,	  /* a directory */
	CLI_VALUE_PATH,	  /* a file or a directory */
	CLI_VALUE_NUMBER, /* nothing to offer */
	CLI_VALUE_TIME,	  /* "now", or nothing */
	CLI_VALUE_TEXT,	  /* nothing to offer */
} cli_value_kind;

/* A set of commands: bit (1u << cli_cmd). */
#define CLI_CMDS_ALL ((uint32_t)((1u << CLI_NCMDS) - 1))
#define CLI_CMD_BIT(c) ((uint32_t)1u << (c))

typedef struct cli_option {
	const char *name;     /* "--roster" */
	const char *alias;    /* "-h", or NULL */
	cli_value_kind value;
	/* the usage error when the value is missing or empty, e.g.
	 * "--roster needs a directory" (NULL for flags) */
	const char *needs;
	uint32_t commands;    /* the commands that take it (CLI_CMDS_ALL) */
	const char *summary;  /* one line, for the completion's description */
} cli_option;

extern const cli_command cli_commands[CLI_NCMDS];
extern const cli_option cli_options[CLI_NOPTS];

/* The command named `name` (exactly), or CLI_NCMDS. */
cli_cmd cliargs_command(const char *name);

/* Which option the word `arg` is ("--roster", "--roster=DIR", "-h"), or
 * CLI_NOPTS. *inline_value is set to what follows '=' in "--opt=VALUE"
 * (only for options that take a value), else NULL. */
cli_opt cliargs_option(const char *arg, const char **inline_value);

/* The usage error for an option given to a command that does not take
 * it, in out[0..size): "--awake is an option of 'who' and 'show' only"
 * (the commands that do, in table order). */
void cliargs_not_here(cli_opt o, char *out, size_t size);

#endif
