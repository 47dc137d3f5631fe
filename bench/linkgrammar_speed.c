/* linkgrammar_speed.c: how fast link-grammar parses our sentences, the figure
 * behind the decision in docs/design.md to keep the default coder shallow.
 * Not built by default (needs Debian's liblink-grammar-dev):
 *   cc -O2 -o /tmp/lgspeed bench/linkgrammar_speed.c $(pkg-config --cflags --libs link-grammar)
 *   grep -h '^text: ' tests/gold/dev/*.test | cut -c7- | /tmp/lgspeed */
#include <link-grammar/link-includes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec/1e9;}
int main(int argc,char**argv){
  Dictionary d=dictionary_create_lang("en"); Parse_Options o=parse_options_create();
  parse_options_set_max_parse_time(o, 10);
  char line[65536]; int n=0; double tot=0, mx=0;
  while(fgets(line,sizeof line,stdin)){ line[strcspn(line,"\n")]=0; if(!*line) continue;
    double t0=now(); Sentence s=sentence_create(line,d); sentence_parse(s,o); sentence_delete(s); double dt=now()-t0;
    tot+=dt; if(dt>mx) mx=dt; n++; }
  printf("%d sentences, %.1f ms mean, %.1f ms max, %.0f sentences/s\n", n, 1000*tot/n, 1000*mx, n/tot);
  parse_options_delete(o); dictionary_delete(d); return 0; }
