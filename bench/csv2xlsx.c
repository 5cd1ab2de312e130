/* The bench's roster.csv as an .xlsx workbook, as a spreadsheet would hold it:
 * libxlsxwriter (not zi) writes it, in constant-memory mode (inline strings,
 * row by row); NIPs as text (the leading apostrophe people type to force text
 * is not part of the cell), No as a number, TMT and Selesai as date cells.
 *
 *   csv2xlsx roster.csv roster.xlsx */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: csv2xlsx IN.csv OUT.xlsx\n");
		return 2;
	}
	FILE *in = fopen(argv[1], "r");
	if (!in) {
		perror(argv[1]);
		return 1;
	}
	lxw_workbook_options wo = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
	lxw_workbook *wb = workbook_new_opt(argv[2], &wo);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Pegawai");
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "dd/mm/yyyy");
	char line[4096];
	lxw_row_t row = 0;
	while (fgets(line, sizeof(line), in)) {
		char *p = line;
		if (row == 0 && !strncmp(p, "\xEF\xBB\xBF", 3))
			p += 3;
		p[strcspn(p, "\r\n")] = 0;
		lxw_col_t col = 0;
		for (char *f = p, *next; f; f = next, col++) {
			next = strchr(f, ';');
			if (next)
				*next++ = 0;
			if (!*f)
				continue;
			int d, m, y;
			if (row && col == 0) {
				worksheet_write_number(ws, row, col, atof(f), NULL);
			} else if (row && (col == 7 || col == 8) &&
				   sscanf(f, "%d/%d/%d", &d, &m, &y) == 3) {
				lxw_datetime dt = {y, m, d, 0, 0, 0};
				worksheet_write_datetime(ws, row, col, &dt, date);
			} else {
				worksheet_write_string(ws, row, col, f[0] == '\'' ? f + 1 : f, NULL);
			}
		}
		row++;
	}
	fclose(in);
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
