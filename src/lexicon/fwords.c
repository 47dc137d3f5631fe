/* fwords.c: the function-word table behind fwords.h. */
#include "lexicon/fwords.h"

#include <stddef.h>

#define D RL_W_DET
#define P RL_W_PREP
#define L RL_W_LOC
#define B RL_W_BOUND
#define S RL_W_STOP
#define A RL_W_ADV

static const rl_fword table[] = {
    /* determiners and quantifiers skipped before an actor */
    {"the", RL_W_ART | D | S | RL_W_THE | RL_W_LISTFILL}, {"a", RL_W_ART | D | S}, {"an", RL_W_ART | D | S}, {"its", RL_W_ART | D},
    {"their", RL_W_ART | D}, {"his", RL_W_ART | D}, {"her", RL_W_ART | D}, {"our", RL_W_ART | D}, {"this", RL_W_ART | D}, {"that", D | S | RL_W_THAT},
    {"these", RL_W_ART | D}, {"those", RL_W_ART | D}, {"some", D}, {"several", D}, {"two", D | RL_W_TWO},
    {"three", D | RL_W_TWO}, {"four", D | RL_W_TWO}, {"five", D | RL_W_TWO}, {"both", D | RL_W_BOTH}, {"all", D}, {"other", D | RL_W_LISTFILL | RL_W_OTHER},
    {"many", D}, {"dozens", D}, {"hundreds", D}, {"thousands", D}, {"fellow", D}, {"top", D},
    {"senior", D}, {"former", D}, {"new", D}, {"then", D | A},
    /* prepositions; L marks those after which an actor is a place or a topic */
    {"of", D | P | L | S | RL_W_OF | RL_W_LISTFILL | RL_W_OTHER | RL_W_NOUNSEP},
    {"in", P | L | S | RL_W_NOUNSEP}, {"at", P | L | S}, {"near", P | L}, {"from", P | L | S},
    {"to", P | S | RL_W_NOUNSEP}, {"with", P | S | RL_W_NOUNSEP}, {"by", P | S | RL_W_BY},
    {"on", P | S | RL_W_NOUNSEP}, {"for", P | S | RL_W_FOR}, {"against", P}, {"over", P | L},
    {"between", P}, {"into", P | L}, {"across", P | L}, {"along", P | L}, {"inside", P | L},
    {"outside", P | L}, {"around", P | L}, {"throughout", P | L}, {"within", P | L},
    {"about", P | L}, {"toward", P}, {"towards", P}, {"among", P | L}, {"under", P | L},
    {"via", P | L}, {"through", P | L}, {"without", P}, {"like", P | L}, {"than", P | L},
    {"including", P | L}, {"amid", P | L}, {"despite", P}, {"beyond", P | L}, {"behind", P | L},
    {"after", P | B}, {"before", P | B}, {"during", P | L}, {"since", P | L | B},
    /* clause openers */
    {"when", B}, {"while", B}, {"whereas", B}, {"because", B}, {"although", B},
    {"though", B}, {"but", B}, {"if", B | RL_W_IF}, {"unless", B | RL_W_IF},
    {"which", B | S | RL_W_WHO}, {"who", B | S | RL_W_WHO}, {"whom", B}, {"whose", B},
    {"where", B}, {"until", B}, {"once", B | A}, {"however", B}, {"whether", B},
    /* other stop words */
    {"and", S | RL_W_AND | RL_W_NOUNSEP}, {"or", S | RL_W_NOUNSEP}, {"nor", S | RL_W_AND}, {"as", S | RL_W_LISTFILL},
    {"well", RL_W_LISTFILL}, {"said", S}, {"says", S},
    /* auxiliaries and adverbs between a subject and its verb */
    {"not", S | A}, {"n't", A}, {"never", A}, {"has", S | A}, {"have", S | A}, {"had", S | A},
    {"was", S | A | RL_W_BE}, {"were", S | A | RL_W_BE}, {"is", S | A | RL_W_BE},
    {"are", S | A | RL_W_BE}, {"be", S | A | RL_W_BE}, {"been", A | RL_W_BE},
    {"being", A | RL_W_BE}, {"got", RL_W_BE}, {"get", RL_W_BE}, {"gets", RL_W_BE},
    {"will", S | A}, {"would", S | A | RL_W_WOULD}, {"could", A}, {"should", A}, {"may", A},
    {"might", A}, {"must", A}, {"can", A}, {"did", A}, {"does", A}, {"do", A},
    {"also", A}, {"already", A}, {"reportedly", A}, {"later", A}, {"again", A},
    {"repeatedly", A}, {"allegedly", A}, {"apparently", A}, {"previously", A},
    {"recently", A}, {"still", A}, {"now", A}, {"jointly", A}, {"formally", A},
    {"officially", A}, {"finally", A}, {"immediately", A}, {"quickly", A}, {"briefly", A},
    {"separately", A}, {"subsequently", A}, {"further", A},
    /* anaphors */
    {"they", RL_W_THEY}, {"it", RL_W_IT}, {"them", RL_W_IT}, {"only", RL_W_ONLY},
    {"him", RL_W_HESHE}, {"he", RL_W_HESHE}, {"she", RL_W_HESHE},
    {"leaders", RL_W_HEADS}, {"sides", RL_W_HEADS}, {"countries", RL_W_HEADS},
    {"governments", RL_W_HEADS}, {"presidents", RL_W_HEADS}, {"nations", RL_W_HEADS},
    {"parties", RL_W_HEADS}, {"men", RL_W_HEADS}, {"delegations", RL_W_HEADS},
    {"ministers", RL_W_HEADS}, {"rivals", RL_W_HEADS}, {"neighbors", RL_W_HEADS},
    {"neighbours", RL_W_HEADS}, {"allies", RL_W_HEADS}, {"adversaries", RL_W_HEADS},
    {"members", RL_W_MEMBERS}, {"member", RL_W_MEMBERS}, {"'s", RL_W_POSS},
    /* quantities */
    {"million", RL_W_SCALE | RL_W_MILLION}, {"thousand", RL_W_SCALE},
    {"troops", RL_W_UNIT}, {"soldiers", RL_W_UNIT}, {"people", RL_W_UNIT},
    {"civilians", RL_W_UNIT}, {"dead", RL_W_UNIT}, {"refugees", RL_W_UNIT},
    {"prisoners", RL_W_UNIT}, {"migrants", RL_W_UNIT}, {"fighters", RL_W_UNIT},
    {"militants", RL_W_UNIT}, {"police", RL_W_UNIT}, {"protesters", RL_W_UNIT},
    {"demonstrators", RL_W_UNIT}, {"tanks", RL_W_UNIT}, {"missiles", RL_W_UNIT},
    {"rockets", RL_W_UNIT}, {"drones", RL_W_UNIT}, {"aircraft", RL_W_UNIT},
    {"warplanes", RL_W_UNIT}, {"ships", RL_W_UNIT}, {"personnel", RL_W_UNIT},
    {"servicemen", RL_W_UNIT}, {"hostages", RL_W_UNIT}, {"detainees", RL_W_UNIT},
    {"journalists", RL_W_UNIT}, {"diplomats", RL_W_UNIT}, {"children", RL_W_UNIT},
    {"residents", RL_W_UNIT}, {"killed", RL_W_UNIT}, {"wounded", RL_W_UNIT},
    {"injured", RL_W_UNIT}, {"arrested", RL_W_UNIT}, {"dollars", RL_W_UNIT},
    {"euros", RL_W_UNIT}, {"tonnes", RL_W_UNIT}, {"tons", RL_W_UNIT},
    {NULL, 0},
};

const rl_fword *rl_fwords(void) { return table; }
