/*
 * A minimal managed plugin for hangar-managed's tests: an HTTP/1.1 server on the unix socket
 * /run/docker/plugins/$MINI_SOCKET (default mini.sock), one request per connection.
 *   POST /Plugin.Activate -> {"Implements": ["VolumeDriver"]}
 *   POST /Mini.Env        -> the value of $MINI_ECHO as a JSON string
 *   POST /Mini.Exit       -> answers {} then exits with status 3
 *   anything else         -> 404
 * SIGTERM exits with status 0. $MINI_EXIT_AFTER_MS exits (status 4) that long after it listens; $MINI_NO_LISTEN never listens.
 * Built static by the tests (gcc -static); it is a test fixture, not Hangar code.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

static void reply(int fd, int status, const char *body) {
  char head[256];
  int n = snprintf(head, sizeof head,
                   "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\n"
                   "Content-Length: %zu\r\nConnection: close\r\n\r\n",
                   status, status == 200 ? "OK" : "Not Found", strlen(body));
  (void)!write(fd, head, n);
  (void)!write(fd, body, strlen(body));
}

static void on_alarm(int sig) { (void)sig; _exit(4); }

/* As PID 1 of its namespace the process ignores signals it has no handler for. */
static void on_term(int sig) { (void)sig; _exit(0); }

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  signal(SIGTERM, on_term);
  printf("mini plugin starting\n");
  fprintf(stderr, "mini plugin stderr line\n");
  if (getenv("MINI_NO_LISTEN")) {
    for (;;) pause();
  }
  const char *name = getenv("MINI_SOCKET");
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  snprintf(addr.sun_path, sizeof addr.sun_path, "/run/docker/plugins/%s",
           name ? name : "mini.sock");
  unlink(addr.sun_path);
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  if (s < 0 || bind(s, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(s, 16) < 0) {
    perror("mini plugin: listen");
    return 1;
  }
  printf("mini plugin listening on %s\n", addr.sun_path);
  const char *after = getenv("MINI_EXIT_AFTER_MS");
  if (after) {
    struct itimerval t = {{0, 0}, {atoi(after) / 1000, (atoi(after) % 1000) * 1000L}};
    signal(SIGALRM, on_alarm);
    setitimer(ITIMER_REAL, &t, NULL);
  }
  for (;;) {
    int c = accept(s, NULL, NULL);
    if (c < 0) continue;
    char buf[8192];
    ssize_t n = read(c, buf, sizeof buf - 1);
    if (n <= 0) { close(c); continue; }
    buf[n] = 0;
    if (strncmp(buf, "POST /Plugin.Activate ", 22) == 0) {
      reply(c, 200, "{\"Implements\": [\"VolumeDriver\"]}\n");
    } else if (strncmp(buf, "POST /Mini.Env ", 15) == 0) {
      char body[1024];
      const char *v = getenv("MINI_ECHO");
      snprintf(body, sizeof body, "\"%s\"\n", v ? v : "");
      reply(c, 200, body);
    } else if (strncmp(buf, "POST /Mini.Exit ", 16) == 0) {
      reply(c, 200, "{}\n");
      close(c);
      printf("mini plugin exiting on request\n");
      return 3;
    } else {
      reply(c, 404, "{\"Err\":\"no such method\"}\n");
    }
    close(c);
  }
}
