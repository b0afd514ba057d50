/*
 * bench_yaml.c - baseline for the check benchmark: parse each file with
 * libyaml's event parser and nothing else, the floor any YAML-based
 * validator stands on.
 */
#include <stdio.h>
#include <stdlib.h>

#include <yaml.h>

int
main(int argc, char **argv)
{
	long events = 0;
	int i;

	for (i = 1; i < argc; i++) {
		yaml_parser_t p;
		yaml_event_t ev;
		FILE *fp = fopen(argv[i], "rb");
		int done = 0;

		if (fp == NULL || !yaml_parser_initialize(&p)) {
			perror(argv[i]);
			return 1;
		}
		yaml_parser_set_input_file(&p, fp);
		while (!done) {
			if (!yaml_parser_parse(&p, &ev)) {
				fprintf(stderr, "%s: parse error\n", argv[i]);
				return 1;
			}
			done = ev.type == YAML_STREAM_END_EVENT;
			yaml_event_delete(&ev);
			events++;
		}
		yaml_parser_delete(&p);
		fclose(fp);
	}
	printf("%ld events\n", events);
	return 0;
}
