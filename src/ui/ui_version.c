/* The terminal library's version, for --version: only ui/ includes curses. */
#include "newsdesk/ui/desk.h"

#include <curses.h>

const char *nd_desk_library_version(void)
{
	return curses_version();
}
