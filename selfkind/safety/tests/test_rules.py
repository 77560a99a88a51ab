"""Tests for the crisis-language screening rules (pure Python: no Django, no database).

Every example here was written for these tests; none is taken from the evaluation data.
"""

from __future__ import annotations

import re

import pytest

from selfkind.lib.jsonlines import LineError
from selfkind.safety import rules
from selfkind.safety.rules import LEVELS, RULES, Screening, screen
from selfkind.safety.screener import check_line

# ---------------------------------------------------------------------------------------------
# The spec's anchors
# ---------------------------------------------------------------------------------------------

ANCHORS = [
    ("i've got the tablets lined up for after everyone's asleep", "urgent"),
    ("i keep wishing i could just not exist for a while", "concern"),
    ("the critic says the world would be lighter without me", "concern"),
    ("i nearly died laughing at the quiz", "none"),
    ("my aunt's funeral is on friday", "none"),
    ("I'm a disaster at everything", "none"),
]


@pytest.mark.parametrize(("text", "level"), ANCHORS)
def test_anchors(text: str, level: str) -> None:
    assert screen(text).level == level


# ---------------------------------------------------------------------------------------------
# urgent: intent, plan, means at hand, a time, an attempt or self-harm now or today
# ---------------------------------------------------------------------------------------------

URGENT = [
    "i'm going to kill myself tonight",
    "I am going to end my life on Friday.",
    "going to take my own life this weekend, i've made up my mind",
    "i've decided to end it tonight",
    "pills are counted out on the bedside table",
    "i've been stockpiling my sertraline for weeks and i know it's enough",
    "I have been saving up my painkillers in a sock in the drawer.",
    "i just took 30 paracetamol",
    "took every tablet in the cupboard about an hour ago",
    "i've taken an overdose and i feel sick",
    "I just swallowed the whole packet of sleeping pills",
    "i want to die and i have a bottle of pills in my drawer",
    "I bought a rope today. I know where I'll do it.",
    "the noose is tied and hanging in the garage",
    "i'm standing on the bridge and looking down at the water",
    "i'm on the roof of the car park right now",
    "sitting on the railway tracks waiting",
    "i'm going to jump off the bridge after work",
    "tonight i'm going to jump in front of a train",
    "i'm in the bath with a razor and i'm going to do it",
    "i'm going to do it when my husband leaves for his night shift",
    "i'll do it on sunday when the house is empty",
    "doing it tonight, nobody will stop me",
    "i'm taking all my tablets when i get home",
    "going to swallow the pills at midnight",
    "I googled how many paracetamol it takes to die",
    "researched painless ways to kill myself last night and picked one",
    "by the time you read this i'll be gone",
    "This is my last entry. Thank you for trying.",
    "i won't be here tomorrow",
    "i've written a goodbye letter to each of my kids and tonight is the night",
    "i gave my cat to my neighbour and i'm going to do it on saturday",
    "I can't keep myself safe tonight",
    "i cut myself tonight and it's really deep",
    "just cut my arm again, there's blood everywhere",
    "burned my wrist with a lighter this morning",
    "i hit myself with a belt today until i bruised",
    "sh'd tonight, went too far",
    "i tried to hang myself last night and the rope snapped",
    "took an overdose last night and didn't tell anyone",
    "kms tonight",
    "i'm gonna unalive myself tmrw",
    "i'm going to kil myself 2nite",
    "i wnat to die and ive got the tabelts rn",
    "planning to end my life once my parents are asleep",
    "i'm going to walk into the sea tonight",
]


@pytest.mark.parametrize("text", URGENT)
def test_urgent(text: str) -> None:
    result = screen(text)
    assert result.level == "urgent", result


# ---------------------------------------------------------------------------------------------
# concern: passive ideation, burden, self-harm acts and urges, past attempts, the critic
# ---------------------------------------------------------------------------------------------

CONCERN = [
    # passive ideation
    "i wish i could go to sleep and never wake up",
    "I hope I don't wake up tomorrow.",
    "some mornings i'm disappointed that i woke up",
    "i wish i was dead",
    "I wish I had never been born",
    "i just want to disappear forever",
    "part of me wants to die",
    "i don't want to be here anymore",
    "i don't want to live like this",
    "what's the point of living",
    "there's no reason to go on",
    "life isn't worth living",
    "i'm tired of being alive",
    "i'd be better off dead",
    "i'd rather be dead than feel like this every day",
    "i want it all to end",
    "i hope i get hit by a bus on the way to work",
    "I don't care if I die",
    "i've been having suicidal thoughts again",
    "feeling really suicidal today",
    "i keep thinking about killing myself",
    "sometimes i think about ending it all",
    "i want to kill myself but i won't",
    "i keep picturing my own funeral",
    "death would be a relief",
    # burden
    "everyone would be better off without me",
    "my family would be happier if i was gone",
    "nobody would even notice if i died",
    "no one would miss me",
    "i'm such a burden to everyone, they'd cope better without me",
    # negation and tense that leave the risk standing
    "I'm not going to lie, I want to die",
    "ngl i want to die",
    "i'm not suicidal but i hope i don't wake up",
    "i wouldn't do anything but i wish i was dead",
    "I used to self-harm and the urges are back",
    "i wanted to die yesterday",
    # self-harm acts and urges
    "i cut myself on tuesday",
    "I've been cutting my arms again",
    "i burned myself with a lighter last week",
    "i keep hitting myself when i make mistakes",
    "i punched myself in the face after the meeting",
    "i scratch my arms until they bleed",
    "i bang my head against the wall when i'm overwhelmed",
    "the urge to cut is really strong",
    "i really want to hurt myself",
    "relapsed with self harm on the weekend",
    "hiding the scars with long sleeves at work",
    "i did sh on saturday",
    # starving as self-punishment
    "i skipped dinner to punish myself",
    "I don't deserve to eat after today",
    "i'm starving myself because i'm disgusting",
    "not letting myself eat until i've lost another stone",
    # past attempts
    "i tried to kill myself when i was 17",
    "I attempted suicide in 2019",
    "since my suicide attempt i've been on sertraline",
    "i overdosed two years ago and ended up in a and e",
    "i told my therapist about my attempt last spring",
    # the inner critic telling them to die
    "my inner voice says just kill yourself",
    "the critic says i should just die",
    "the voice in my head tells me everyone would be better off without me",
    "critic: you don't deserve to live. me: i'm trying to answer it kindly",
    "my brain keeps telling me to kill myself",
    "the critic told me 'go on, disappear, nobody would miss you'",
    "inner critic: the world would be better without you",
    # misspellings and slang
    "wnat to die",
    "i want to kil myself",
    "suicidal thouhgts all day",
    "i wanna dieee",
    "i want to kms",
    "thinking about unaliving myself",
    "i want 2 die",
    "tbh i feel like ending it all",
    "had the urge to sh",
    "i wish i wasnt alive",
]


@pytest.mark.parametrize("text", CONCERN)
def test_concern(text: str) -> None:
    result = screen(text)
    assert result.level == "concern", result


# ---------------------------------------------------------------------------------------------
# none: self-criticism, figures of speech, other people, talking about suicide in general
# ---------------------------------------------------------------------------------------------

NONE = [
    # ordinary self-criticism
    "I'm so stupid",
    "I hate myself",
    "i hate myself for snapping at the kids",
    "i'm useless and pathetic and i'll never be good enough",
    "i'm a failure, a fraud, a waste of time",
    "the critic says i'm lazy and nobody likes me",
    "critic: you're a joke. compassionate self: you are learning.",
    "i feel like a burden when i ask for help",
    # figures of speech
    "i nearly died of embarrassment when i tripped",
    "this job is killing me",
    "my feet are killing me after the hike",
    "dead tired after the night shift",
    "I could kill for a coffee",
    "i'd rather die than sing karaoke",
    "i'm dying to see the new film",
    "i killed it at my presentation today",
    "my mum will kill me when she sees the dent in the car",
    "ugh, 8am meeting tomorrow, kill me now",
    "the deadline is friday and i'm stressed",
    "i was bored to death in that lecture",
    "that spin class nearly killed me",
    "i want the ground to swallow me up",
    "I'm dead on my feet",
    "i could have killed myself for forgetting her birthday",
    # other people's deaths and illness
    "my grandad died last year and i still miss him",
    "my cat died today and i can't stop crying",
    "my friend's dad has cancer",
    "my cousin tried to kill himself and is in hospital",
    "my sister self harms and i'm worried about her",
    # talking, reading or studying about suicide
    "we did suicide prevention training at work today",
    "I'm reading a novel about a woman who wants to die",
    "the character in the book kills himself",
    "i watched a documentary about self harm",
    "my psychology essay is on suicide rates in young men",
    "my friend joked she wanted to die after the exam",
    "my brother said he'd kill himself if city lost again",
    # negation
    "I'm not suicidal",
    "i'm not suicidal, just exhausted",
    "I would never hurt myself",
    "i don't want to die, i just want the pain to stop",
    "no thoughts of self harm this week",
    "i haven't self harmed in two years",
    "i have no plans to kill myself",
    "my therapist asked if i had thoughts of ending my life and i said no",
    # ordinary uses of risky words
    "i cut my finger chopping onions",
    "burnt myself on the oven tray taking the pizza out",
    "i hurt myself at the gym",
    "i skipped lunch because the meeting ran over",
    "fasting for ramadan this month",
    "took my tablets this morning like the doctor said",
    "picked up my prescription from the pharmacy",
    "i'm going to end it with him tonight",
    "i'm going to jump in the pool after work",
    "my phone died on the train",
    "i'm going to take them to the park tomorrow",
    "i want to disappear from social media for a while",
    "i cut my hair short today",
    "bought a new knife set for the kitchen",
    "",
    "   ",
]


@pytest.mark.parametrize("text", NONE)
def test_none(text: str) -> None:
    result = screen(text)
    assert result.level == "none", result
    assert result.reasons == ()


# ---------------------------------------------------------------------------------------------
# More varied phrasings of all three levels: long entries, letters, two-chair dialogues, slang,
# hypotheticals, questions answered, hyperbole and ordinary uses of risky words
# ---------------------------------------------------------------------------------------------

VARIED = [
    ("i have enough pills saved to do it and i'm doing it tonight", "urgent"),
    ("I'm going to drive my car into a wall on the way home", "urgent"),
    ("got the belt ready in the wardrobe. tomorrow morning before work.", "urgent"),
    ("the pills are next to me. i'm just waiting for the house to go quiet.", "urgent"),
    ("i'm at the beach and i'm going to walk into the water until i can't", "urgent"),
    ("i've just cut my wrists, there's so much blood", "urgent"),
    ("im bleeding alot from my arm rn i went too deep", "urgent"),
    ("I've swallowed everything in the medicine cabinet", "urgent"),
    ("i've taken 40 of my mum's tablets", "urgent"),
    ("final message. i love you all, i'm sorry. it's not your fault", "urgent"),
    ("im gonna end it all tonight i cant do this anymore", "urgent"),
    ("this is it. i'm doing it after my shift tomorrow", "urgent"),
    ("i have a knife in my bag and i'm going to use it on myself tonight", "urgent"),
    ("i've filled the bath and i've got the razor blades", "urgent"),
    ("wrote letters to everyone and put them in the drawer. i'm going on friday.", "urgent"),
    ("Bought paracetamol from three different shops today so no one would notice. Tonight.", "urgent"),
    ("i'm going to hang myself", "urgent"),
    ("i will kill myself this weekend", "urgent"),
    ("planning to overdose on my insulin tonight", "urgent"),
    ("i've tied the rope to the banister", "urgent"),
    ("i burnt my arm with the iron on purpose an hour ago", "urgent"),
    ("I carved into my leg this afternoon and it won't stop bleeding", "urgent"),
    ("i've stopped eating and drinking so i can die, day 3 now", "urgent"),
    ("when everyone's gone to bed i'll take the lot", "urgent"),
    ("saying my goodbyes. going to do it at 3am", "urgent"),
    ("i'm on the platform and the next train doesn't stop here. i'm going to step in front of it", "urgent"),
    ("i keep daydreaming about just not existing", "concern"),
    ("honestly if i got hit by a car i wouldn't mind", "concern"),
    ("sometimes i wish i could just go to sleep forever", "concern"),
    ("I feel like everyone would be better off if I just disappeared", "concern"),
    ("i thought about throwing myself off the balcony but i didn't", "concern"),
    ("the thought of killing myself is always there in the background", "concern"),
    ("i want to stop existing", "concern"),
    ("my kids would be better without me", "concern"),
    ("what's the point in me being here", "concern"),
    ("i hate myself so much i want to die", "concern"),
    ("i've started cutting again, i'm ashamed", "concern"),
    ("used a compass to scratch my arm in maths last week", "concern"),
    ("i pull my hair out when i'm stressed, like actual clumps, to punish myself", "concern"),
    ("Didn't eat all day as punishment for the mess I made", "concern"),
    ("two years since i tried to end my life", "concern"),
    ("I survived an overdose when I was 16", "concern"),
    ("the critic told me i deserve to die", "concern"),
    ("Critic: just do everyone a favour and die. Me: I don't have to listen.", "concern"),
    ("my head says you should have died instead of him", "concern"),
    ("i dream about dying a lot", "concern"),
    ("i'm so tired of life", "concern"),
    ("i feel like i'm better off dead sometimes", "concern"),
    ("some part of me wants to end it", "concern"),
    ("i had thoughts of suicide on the bus", "concern"),
    ("the urge to self harm is back", "concern"),
    ("i've been punching walls until my knuckles bleed to punish myself", "concern"),
    ("i wish i could fall asleep and never wake up again", "concern"),
    ("i've been hurting myself again", "concern"),
    ("i want to go to sleep and not wake up", "concern"),
    ("i'm just so done with everything, i wish i wasn't here", "concern"),
    ("life feels pointless and i don't see a way out except dying", "concern"),
    ("i think my family would be relieved if i died", "concern"),
    ("i almost took all my pills last month", "concern"),
    ("i thought about jumping in front of the train this morning", "concern"),
    ("i'm useless, i can't even boil an egg", "none"),
    ("died on stage at the open mic lol", "none"),
    ("my plant is dying and so is my motivation", "none"),
    ("this cold is killing me", "none"),
    ("killing time at the airport", "none"),
    ("my dad's dying and i'm trying to be there for him", "none"),
    ("she said she wanted to kill herself after the breakup, i'm worried", "none"),
    ("i'm writing my dissertation on self harm in teenagers", "none"),
    ("i finished reading a book about a man who tried to end his life", "none"),
    ("we watched 13 reasons why and it was heavy", "none"),
    ("i'm not going to hurt myself, i promise", "none"),
    ("no suicidal thoughts, just anxious", "none"),
    ("i had an operation on my wrist last week", "none"),
    ("cut myself shaving, looks like a crime scene", "none"),
    ("i burned my hand on the kettle making tea", "none"),
    ("i'm on a diet and skipped breakfast", "none"),
    ("going to do it - i'm finally signing up for the marathon!", "none"),
    ("tonight's the night, first date in three years", "none"),
    ("i'm going to jump at the chance if they offer it", "none"),
    ("i took my sertraline at 8", "none"),
    ("i gave away my old clothes to the charity shop", "none"),
    ("writing goodbye cards for my leaving do on friday", "none"),
    ("my phone battery is dead", "none"),
    ("i could murder a pizza", "none"),
    ("that joke killed me", "none"),
    ("i want to crawl into bed and sleep for a week", "none"),
    ("I feel dead inside after the week I've had", "none"),
    ("The thought of the presentation makes me want to hide under the duvet", "none"),
    ("i'm afraid of dying, i had a panic attack and thought it was a heart attack", "none"),
    ("Grief group tonight. It's a year since mum died.", "none"),
    ("my nan passed away on monday, the funeral is next week", "none"),
    ("the patient on ward 4 tried to overdose, it shook me", "none"),
    ("I'm killing myself at work trying to hit targets", "none"),
    ("my therapist asked if i'd ever tried to hurt myself and i said no", "none"),
    ("i skipped the gym because i was tired", "none"),
    ("i'd never kill myself, i have too much to live for", "none"),
    ("i'm not going to do anything stupid", "none"),
    ("i cut ties with my toxic friend today, proud of me", "none"),
    ("cut back on sugar this week", "none"),
    ("completely burned out after this term", "none"),
    ("i killed myself laughing at that video", "none"),
    ("I'm drowning in paperwork", "none"),
    ("my heart stopped when i saw the bill", "none"),
    ("i overdosed on chocolate at the weekend oops", "none"),
    ("i'll kill him if he's late again", "none"),
    ("killed a spider in the bath, felt bad", "none"),
    ("i'm at the end of my tether with the landlord", "none"),
    ("i died in the game like ten times", "none"),
    ("hanging on by a thread this week but getting through", "none"),
    ("the song is about wanting to die but it's weirdly uplifting", "none"),
    ("i'm going to hang out with sam tonight", "none"),
    ("my character in the game keeps dying", "none"),
    ("shot myself in the foot by saying yes to everything", "none"),
    ("we watched suicide squad and it was terrible", "none"),
    ("I lost my dad to suicide five years ago and i still miss him every day", "none"),
    ("my best friend attempted suicide last year and i'm scared for her", "none"),
    ("my client talked about wanting to die today and i handled it well", "none"),
    ("i'd rather die than go back to that dentist", "none"),
    ("i could die happy after that concert", "none"),
    ("i'm so done with this week", "none"),
    ("i just want to sleep all weekend", "none"),
    ("i'm starving, forgot lunch", "none"),
    ("i'm giving away my old books to the library", "none"),
    ("i'm leaving my job on friday and wrote goodbye cards for everyone", "none"),
    ("bought a rope for the tyre swing", "none"),
    ("i'm going on holiday on friday", "none"),
    ("the critic says i'm worthless and i should give up painting", "none"),
    ("i felt like dying when i saw my exam results haha", "none"),
    ("my flatmate keeps saying she wants to die because of her thesis lol", "none"),
    ("i'm fine, no thoughts of hurting myself", "none"),
    ("i don't want to kill myself, i want my life to change", "none"),
    ("i'm scared i'm going to die from this chest pain", "none"),
    ("gave away the puppy we couldn't keep to a lovely family", "none"),
    ("i'm sick of my life being so boring, booking a trip", "none"),
    ("i hit my head on the cupboard door", "none"),
    ("i fell and cut my knee running", "none"),
    ("a man jumped off the bridge in town yesterday, it was on the news", "none"),
    ("i'm reading the bell jar for book club", "none"),
    ("my anxiety is through the roof", "none"),
    ("i'm standing on the roof terrace at the party, the view is amazing", "none"),
    ("work is suicide this week, so much to do", "none"),
    ("it'd be easier for everyone if i wasn't around", "concern"),
    ("i feel like i'm just waiting to die", "concern"),
    ("no one would notice if i vanished", "concern"),
    ("the only reason i'm still here is my mum", "concern"),
    ("i'm only alive because of my kids", "concern"),
    ("sometimes when i'm driving i think about swerving into a lorry", "concern"),
    ("standing on the platform i thought about stepping forward", "concern"),
    ("I've been thinking it would be easier if I just didn't wake up", "concern"),
    ("if it wasn't for the dog i'd be gone already", "concern"),
    ("i wouldn't care if the plane went down", "concern"),
    ("I don't see the point in being alive", "concern"),
    ("i keep thinking the world would be better without me in it", "concern"),
    ("i want to kill myself", "concern"),
    ("i feel like ending it", "concern"),
    ("I've been self-harming since I was 14", "concern"),
    ("my arms are covered in cuts from the weekend", "concern"),
    ("i burned my thigh with a cigarette last week", "concern"),
    ("i tried to drown myself at uni", "concern"),
    ("my last suicide attempt was in 2022", "concern"),
    ("the critic screams that i should kill myself", "concern"),
    ("my depression tells me i'm better off dead", "concern"),
    ("i'm not going to do anything but i really want to die", "concern"),
    ("i deserve to die for what i did", "concern"),
    ("i'm a waste of space and everyone would be happier if i was gone", "concern"),
    ("honestly i want to die lol", "concern"),
    ("i can't stop thinking about suicide", "concern"),
    ("i've been having intrusive thoughts about killing myself", "concern"),
    ("wish i could just sleep and not wake up for a long time", "concern"),
    ("i'm so tired of existing", "concern"),
    ("some days i don't want to wake up", "concern"),
    ("i hit myself in the head when i get things wrong", "concern"),
    # Starving as self-punishment is self-harm, and self-harm today is urgent (label definitions).
    ("ate nothing today because i don't deserve food", "urgent"),
    ("i've been scratching my arms till they bleed", "concern"),
    ("i'm sorry for everything. the pills are on the bedside table. tonight.", "urgent"),
    ("don't call anyone, i'll be gone soon", "urgent"),
    ("i've drunk a bottle of vodka and taken my whole prescription", "urgent"),
    ("i'm writing this in the car at the reservoir and i'm going to drive in", "urgent"),
    ("i've booked a hotel room and i'm bringing all my pills, this is it", "urgent"),
    ("going to drive off the cliff road tonight", "urgent"),
    ("i'm going to overdose tonight", "urgent"),
    ("I've decided to kill myself on my birthday next week", "urgent"),
    ("i have the rope. i'm ready.", "urgent"),
    ("i've just cut myself and it won't stop", "urgent"),
    ("this afternoon i burnt myself with the lighter again", "urgent"),
    ("Took all of my antidepressants at once about 20 mins ago", "urgent"),
    ("i want to kill myself right now", "urgent"),
    ("i'm on the edge of the cliff", "urgent"),
    ("gonna jump off the multistorey after my shift", "urgent"),
    ("i've got a plan and i'm doing it on saturday", "urgent"),
    (
        "thought record. situation: presentation went badly. thought: everyone thinks i'm an idiot. emotion:"
        " shame 90. evidence for: i stumbled. evidence against: two people said it was useful. balanced"
        " thought: one stumble isn't the whole talk. shame 50.",
        "none",
    ),
    (
        "Compassionate letter. Dear me, I know you've had the worst year. Losing the baby, then the job. You"
        " keep calling yourself broken. You're not broken, you're grieving. I'm proud of you for getting up"
        " today.",
        "none",
    ),
    (
        "two-chair. critic: you're pathetic, look at you crying over a spreadsheet. compassionate: it's been"
        " a long week and you're tired. critic: everyone else copes. compassionate: you don't know that. felt"
        " a bit lighter after.",
        "none",
    ),
    (
        "practice note: 10 minute body scan. kept noticing my chest was tight. the voice said i was doing it"
        " wrong. came back to the breath anyway. 6/10.",
        "none",
    ),
    (
        "Rough night. My partner and I argued about money again and I said things I regret. I'm such a"
        " horrible person. Went for a run this morning which helped a bit. I'll apologise tonight.",
        "none",
    ),
    (
        "we had a session on grief today and my therapist asked me to write about dad. he died in march after"
        " a long illness. i wrote about his laugh. i cried a lot. it felt good to cry.",
        "none",
    ),
    (
        "My brother has been self-harming and my parents just found out. I feel responsible because I'm the"
        " oldest. I don't know how to help him. I'm going to ring the GP tomorrow for advice.",
        "none",
    ),
    (
        "the nurse training today covered overdose management and i had to leave the room for a minute"
        " because it reminded me of my mum's attempt. i'm okay though. tea and biscuits helped.",
        "none",
    ),
    (
        "Honestly I've been dead on my feet all week, the baby's teething and I'm running on two hours sleep."
        " If one more person tells me to sleep when the baby sleeps I'll scream.",
        "none",
    ),
    (
        "so my sister got engaged and everyone was so happy and i smiled and then went to the toilet and"
        " cried. i'm 34 and alone. i hate that i'm jealous. but i'm not going to let it ruin her day.",
        "none",
    ),
    (
        "thought record. situation: got a parking ticket. thought: i can't do anything right, i'm a waste of"
        " space. emotion: anger 70. balanced: everyone gets tickets. anger 30.",
        "none",
    ),
    (
        "I am not ok. I've been lying in bed all day. I keep thinking everyone would be better off if I"
        " wasn't here. I haven't eaten. I don't know what to do.",
        "concern",
    ),
    (
        "work was okay. lunch with priya. the evening was hard though, i scratched at my arms until they bled"
        " because i felt so much. i put antiseptic on. i'll tell my therapist on thursday.",
        "concern",
    ),
    (
        "Compassionate letter: Dear little me, you were just a child when you first wished you were dead. You"
        " didn't deserve what happened. I wish I could hold you.",
        "concern",
    ),
    (
        "two-chair. critic: you're a burden, they'd all be better off without you. compassionate: that's not"
        " true, my kids need me. critic: they'd get over it. it was a hard one.",
        "concern",
    ),
    (
        "went to the garden centre with mum. bought some bulbs. in the car on the way home i thought about"
        " how easy it would be to just drive into the river. i didn't say anything. planted the bulbs.",
        "concern",
    ),
    (
        "practice note: i couldn't do the self compassion break today. i kept hearing 'you should just kill"
        " yourself' on a loop. i know it's the critic but it was loud.",
        "concern",
    ),
    (
        "Journal. Quiet Sunday. Did the washing, walked the dog, rang nan. I've been thinking a lot about my"
        " attempt three years ago because the anniversary is coming up. Made lasagne for tea.",
        "concern",
    ),
    (
        "The exam went fine I think. Then I came home and burnt my arm with a lighter because I couldn't stop"
        " the thoughts. I'm so tired. Tomorrow is another exam.",
        "concern",
    ),
    (
        "Thought record. Situation: he left. Thought: I can't live without him. Emotion: despair 100."
        " Behaviour: I've lined up all my pills on the kitchen table. Alternative: I don't have one. I'm"
        " going to do it when it gets dark.",
        "urgent",
    ),
    (
        "Letter to my kids: I'm so sorry. None of this is your fault. I love you more than anything. Please"
        " look after each other. Dad will take care of you. I've made my decision.",
        "urgent",
    ),
    (
        "work was awful, i got shouted at in front of everyone. i'm in the staff toilets with a blade right"
        " now and i'm going to cut.",
        "urgent",
    ),
    (
        "just got back from the bridge, i stood there for an hour. i'm going back tonight and this time i'm"
        " not coming home.",
        "urgent",
    ),
    (
        "I'm fine, everyone keeps asking. I'm not fine. I've bought the charcoal and the tape. Saturday.",
        "urgent",
    ),
    (
        "had a lovely dinner with friends. laughed a lot. but now i'm home and i just took everything in the"
        " cabinet. i don't feel anything yet.",
        "urgent",
    ),
    (
        "practice note: skipped the practice. i've been writing letters to everyone i love and putting them"
        " in envelopes. i'll post them tomorrow morning and then i'll go to the cliffs.",
        "urgent",
    ),
    ("I'm not sure I want to live anymore", "concern"),
    ("I don't think I'd ever actually want to die", "none"),
    ("my safety plan says if i start having suicidal thoughts i call the crisis line", "none"),
    ("if i ever felt suicidal i'd tell my therapist", "none"),
    ("she asked if i'd ever tried to kill myself and i said yes", "concern"),
    ("i could sleep forever after that shift", "none"),
    ("no way i'm killing myself over a boy", "none"),
    ("i've never felt so suicidal", "concern"),
    ("i don't want to die but i don't want to be alive either", "concern"),
    ("i'm not really suicidal, i just wish i could stop existing for a bit", "concern"),
    ("i'm not planning anything but i keep hoping i won't wake up", "concern"),
    ("kill me now, three hours of powerpoint", "none"),
    ("i used to want to die every day, now i mostly don't", "concern"),
    ("i stopped self harming a year ago and i'm proud", "none"),
    ("no urges to cut this week!", "none"),
    ("i resisted the urge to cut last night", "concern"),
    ("my doctor asked if i felt suicidal and i said no, which was a lie", "concern"),
]

# Ordinary entries full of risky words.
VARIED += [
    (text, "none")
    for text in [
        "we walked across the bridge to the market and had chips on the pier",
        "finally ready for tonight's gig, outfit laid out on the bed",
        "i've got a plan for the week: gym monday, therapy wednesday, rest sunday",
        "said goodbye to my colleagues today, new job starts monday",
        "i'm done with this essay! going to celebrate tonight",
        "it would be a relief to get the results back",
        "my grandmother's death still hits me some days",
        "the rope swing at the lake was the best part of the holiday",
        "i took two paracetamol for my headache and went to bed early",
        "i'm going to do it. i'm going to ask for a raise on friday",
        "this is the last entry before my holiday, see you in two weeks",
        "i'm leaving now for the airport, bye!",
        "gave my old bike to my nephew, he loved it",
        "i'm sorry for snapping at everyone this week, it's not your fault you're all busy",
        "my therapist gave me a plan for when the panic comes",
        "the film ended with the hero dying and i cried",
        "i'm going to kill it in this interview tomorrow",
        "i'm on the train to the coast, can't wait to see the cliffs",
        "i want to quit my job and move to the sea",
        "i've been stockpiling snacks for the exam week",
        "i hurt my wrist at climbing",
        "i burned the toast and my pride",
        "my life is a mess but i'm trying",
        "i feel dead inside at work, so boring",
        "i'm done, done, done with him",
        "i'm ready. first marathon tomorrow!",
        "tonight's the night i finally tell her how i feel",
        "i'll be gone by the morning, early flight to lisbon",
        "I just want to disappear under my duvet with a film",
        "ugh i want to die, i sent the email to the wrong person lol",
        "i hope my heart can take the excitement of this match",
        "the documentary about the golden gate bridge was haunting",
        "i think my dog is dying, the vet says it's time",
        "I read that overdoses are rising in our area, scary",
        "had a dream i died and woke up laughing",
        "wrote letters to my future self in the workshop today",
        "i cut myself off from social media this week and feel better",
        "my mum took all her tablets at once by mistake and had to call 111, she's fine",
        "I've been reading about the warning signs of suicide for my nursing course",
        "i scratched my arm on a bramble in the garden",
        "i need to stop punishing myself for every little mistake",
        "i punish myself with work when i feel guilty",
        "i deserve a break and a cake",
        "sometimes i hate myself so much, then i do the compassion exercise and it softens",
        "the critic told me i'm too much and should just stay quiet",
        "i felt like a burden asking for help, but i asked anyway",
        "i'm so tired, i could just lie down on the floor and sleep forever lol",
        "my friend said 'go kill yourself' as a joke and i laughed",
        "i finally finished the last of the pills from the dentist",
        "my brother's band is called suicide note, terrible name",
    ]
]

# Further phrasings of all three levels.
VARIED += [
    ("honestly i'd be fine if i just didn't exist anymore", "concern"),
    ("i keep fantasising about my own death", "concern"),
    ("i'm a burden on everyone, they'd be better off without me", "concern"),
    ("i've been burning myself with matches", "concern"),
    ("i haven't eaten in two days, i don't deserve it", "concern"),
    ("my thoughts keep telling me to die", "concern"),
    ("i overdosed last year and nearly didn't make it", "concern"),
    ("i want to die so badly", "concern"),
    ("i just don't want to exist", "concern"),
    ("life would be easier for everyone if i was dead", "concern"),
    ("i've been thinking of ways to die", "concern"),
    ("I sometimes wish a car would hit me", "concern"),
    ("part of me hopes i don't survive the operation", "concern"),
    ("the cutting has got worse this month", "concern"),
    ("i keep having the urge to jump when i'm on the platform", "concern"),
    ("everything would be simpler if i wasn't alive", "concern"),
    ("i want to go to sleep forever", "concern"),
    ("i'm thinking of killing myself", "concern"),
    ("i'm getting the urge to hurt myself again", "concern"),
    ("i think about death all the time", "concern"),
    ("i took a load of pills and went to bed, i'm still here", "urgent"),
    ("i'm doing it tonight, i've got the pills ready", "urgent"),
    ("i'm going to hang myself in the garage when they're out", "urgent"),
    ("tonight i'm going to take everything in the bathroom cabinet", "urgent"),
    ("bought a new blade today, going to use it tonight", "urgent"),
    ("my exam went badly. i want to die lol, anyway pizza tonight", "concern"),
    ("the kids are at their dad's this weekend so i'm going to do it then", "urgent"),
    ("my sister said she wants to die sometimes and i don't know how to help", "none"),
    ("i'm writing a story where the main character tries to kill herself", "none"),
    ("a colleague passed away suddenly, we're all in shock", "none"),
    ("i died a little when he saw my old photos", "none"),
    ("i'm so embarrassed i want to die", "none"),
    ("i'm literally going to die if i don't get coffee", "none"),
    ("can't wait to be done with this project, it's killing me", "none"),
    ("i'm not gonna kill myself, don't worry, i just need to vent", "none"),
]

VARIED += [
    ("i keep imagining my family at my grave and feeling relieved for them", "concern"),
    (
        "i went to the chemist and bought as many paracetamol as they'd let me. and then another chemist.",
        "urgent",
    ),
    ("i've been cutting again, mostly on my thighs so no one sees", "concern"),
    ("sometimes i hold my breath in the bath and think about not coming up", "concern"),
    ("two-chair. critic: you're disgusting, you should starve. me: ...i didn't eat dinner.", "concern"),
    ("Why am I even alive", "concern"),
    ("i don't think i'll be around much longer", "concern"),
    ("i've had enough. tonight i'm going to finish it", "urgent"),
    ("i'm in the woods with the rope", "urgent"),
    ("just wanted to say thank you for everything, you won't hear from me again", "urgent"),
    (
        "i've written my will and sorted my passwords so my partner can manage. it's happening this weekend",
        "urgent",
    ),
    ("i took an overdose this afternoon and i'm scared", "urgent"),
    ("I've put the pills in my bag for when I go to the river later", "urgent"),
    ("the voices tell me to kill myself and i think i'm going to listen tonight", "urgent"),
    ("my neighbour's dog died and i cried more than when my grandad died", "none"),
    ("i hate my body and myself today", "none"),
    ("the ward round was about self harm risk assessments, very dry", "none"),
    ("we talked about my dad's suicide in therapy, it was hard but good", "none"),
    ("i nearly cut my finger off chopping carrots lol", "none"),
    ("i'm ready to give up on this diet", "none"),
    ("i'm sick to death of the rain", "none"),
    ("i'll be dead meat if mum finds out", "none"),
    ("burnt my tongue on my tea", "none"),
    ("i'm not going to hurt myself. i just need the pain to stop.", "none"),
    ("i used to think about dying a lot as a teenager but therapy really helped", "concern"),
    ("I'd never do anything, but sometimes I wish I'd never been born", "concern"),
    ("i don't want to be alive anymore but i won't do anything", "concern"),
    ("bought 4 boxes of co-codamol", "urgent"),
    ("i got two paracetamol from the machine", "none"),
    ("omg the queue at aldi, kms", "none"),
    ("if i have to hear that song one more time i'll walk into the sea", "none"),
    ("I tried to end it two years ago and I've started saving my pills again", "urgent"),
    ("i'll end it here for today, tired", "none"),
    ("the pills are in front of me", "urgent"),
    ("i can't take it anymore, i'm going to do it", "urgent"),
    ("i'm going to end it", "urgent"),
]


@pytest.mark.parametrize(("text", "level"), VARIED)
def test_varied(text: str, level: str) -> None:
    result = screen(text)
    assert result.level == level, result


# ---------------------------------------------------------------------------------------------
# Buried risk: one sentence in the middle of a long entry
# ---------------------------------------------------------------------------------------------

BURIED = [
    (
        "Thought record. Situation: my manager moved my deadline forward again. Thought: I can never do "
        "anything right. Emotion: anxious 80, ashamed 60. Honestly some nights I just wish I wouldn't wake "
        "up. Evidence against: I finished the last project early. Balanced thought: the deadline is unfair, "
        "not me.",
        "concern",
    ),
    (
        "good day at the allotment, the courgettes are finally coming. met sal for a coffee and we laughed "
        "about the dog. when i got home the flat felt empty and i cut my thigh again, not deep. made soup "
        "and watched the quiz.",
        "concern",
    ),
    (
        "Letter to myself: you have been carrying so much. Work has been relentless and your dad is ill. "
        "I know you have the pills saved and you plan to take them on Sunday. I am asking you to wait. "
        "Please ring the number on the card.",
        "urgent",
    ),
    (
        "two-chair today. critic: you're a waste of space, everyone would be better off if you were gone. "
        "compassionate self: you're exhausted, not worthless. it felt wooden but i did it. then i did the "
        "dishes.",
        "concern",
    ),
    (
        "Went to the dentist, then picked up the kids. Dinner was chaos. Nothing special to report except "
        "that my mum rang and we argued about Christmas again. I hate how I sound on the phone.",
        "none",
    ),
    (
        "the practice was hard. i kept drifting. in the middle of it i realised i've been planning how i'd "
        "do it and i've got everything i need in the wardrobe. i don't know why i'm writing this here. "
        "i'll try the breathing again tomorrow.",
        "urgent",
    ),
]


@pytest.mark.parametrize(("text", "level"), BURIED)
def test_buried_risk_in_long_entries(text: str, level: str) -> None:
    assert screen(text).level == level


# ---------------------------------------------------------------------------------------------
# Reasons, rule ids and the Screening object
# ---------------------------------------------------------------------------------------------


def test_reasons_name_the_rule_and_the_words() -> None:
    result = screen("i've got the tablets lined up for after everyone's asleep")
    assert result.reasons == ("plan_with_means: tablets lined up",)
    assert result.rule_ids == ("plan_with_means",)
    assert result.is_risk


def test_none_has_no_reasons() -> None:
    result = screen("a quiet day, i read in the garden")
    assert result == Screening("none", ())
    assert not result.is_risk
    assert result.rule_ids == ()


def test_level_is_the_highest_finding() -> None:
    result = screen("I want to die. I bought a rope and I'm going to use it tonight.")
    assert result.level == "urgent"
    assert "wish_to_die" in result.rule_ids
    assert any(LEVELS.index(level) == 2 for level in [result.level])


def test_every_reason_is_rule_id_colon_words() -> None:
    known = {rule.id for rule in RULES} | {combo.id for combo in rules.COMBINATIONS}
    for text in URGENT + CONCERN:
        for reason in screen(text).reasons:
            rule_id, _, words = reason.partition(": ")
            assert rule_id in known and words, reason


def test_rules_are_documented_and_ids_are_stable_snake_case() -> None:
    ids = [rule.id for rule in RULES] + [combo.id for combo in rules.COMBINATIONS]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert re.fullmatch(r"[a-z][a-z_]*", rule.id)
        assert rule.level in {"concern", "urgent", "signal"}
        assert rule.description
    for combo in rules.COMBINATIONS:
        assert combo.level in LEVELS and combo.scope in {"clause", "sentence", "entry"} and combo.description


# ---------------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("I WNAT to DIE", " i want to die "),
        ("kms", " kill myself "),
        ("i\u2019m tired", " i'm tired "),
        ("suicidal thouhgts", " suicidal thoughts "),
        ("the tabelts", " the tablets "),
        ("k*ll myslef", " kill myself "),
        ("dieeeee", " die "),
        ("self-harm", " self harm "),
        ("thinkin about endin it all", " thinking about ending it all "),
        ("i atempted once", " i attempted once "),
        ("meditation helps", " meditation helps "),
        ("the razor's in my hand", " the razor is in my hand "),
        ("it's happening", " it's happening "),
        ("the multi-storey", " the multistorey "),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert rules.normalise(raw) == expected


def test_literal_gates_never_hide_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = URGENT + CONCERN + NONE + [text for text, _ in BURIED + VARIED + LEAD_PROBES]
    texts += LEXICON_CONCERN + URGENCY + EXCLUSIONS
    gated = [screen(text) for text in texts]
    ungated = tuple(
        (rule, tuple((None, regex) for _, regex in parts), unless, before)
        for rule, parts, unless, before in rules._COMPILED
    )
    monkeypatch.setattr(rules, "_COMPILED", ungated)
    assert [screen(text) for text in texts] == gated


def test_combinations_use_tags_that_rules_set() -> None:
    tags = set().union(*(rule.tags for rule in RULES))
    for combo in rules.COMBINATIONS:
        assert combo.first <= tags and combo.second <= tags, combo.id


def test_rule_table_lists_every_id_once() -> None:
    table = rules.rule_table()
    assert [row[0] for row in table] == [rule.id for rule in RULES] + [c.id for c in rules.COMBINATIONS]
    assert all(level in {"concern", "urgent", "signal"} and description for _, level, description in table)


def test_reasons_keep_text_order_and_do_not_repeat() -> None:
    result = screen("i want to die. the critic says i should kill myself. i want to die.")
    assert result.level == "concern"
    assert len(result.reasons) == len(set(result.reasons))
    assert result.rule_ids[0] == "wish_to_die"


def test_required_literals() -> None:
    assert rules.required_literals(r" (?:want|wish) to die") == frozenset({" to die"})
    assert rules.required_literals(r" (?:a|b)") is None


def test_a_gate_tests_every_set_of_required_literals() -> None:
    """Every match holds one literal of each set, so the gate may ask for all of them: "to die" alone (a cake
    "to die for") no longer runs a pattern that also needs "want" or "wish" before it."""
    sets = rules.required_literal_sets(r" (?:want|wish) to die")
    assert sets[0] == rules.required_literals(r" (?:want|wish) to die")  # the most selective first
    assert frozenset({" want", " wish"}) in sets
    gate = rules.Gate.of_pattern(r" (?:want|wish) to die")
    assert gate is not None and gate.also

    def opens(text: str) -> bool:
        norm = rules.normalise(text)
        return gate.may_match(norm, rules._token_prefixes(norm))

    assert not opens("this cake is to die for")
    assert opens("i want to die") and opens("some days i wish to die")
    assert rules.Gate.of_pattern(r" (?:a|b)") is None


# ---------------------------------------------------------------------------------------------
# check_line: the `selfkind safety-check` contract
# ---------------------------------------------------------------------------------------------


def test_check_line_shape() -> None:
    expected = {"level": "concern", "reasons": ["wish_to_die: want to die"]}
    assert check_line({"text": "i want to die"}) == expected


def test_check_line_none_and_empty() -> None:
    assert check_line({"text": ""}) == {"level": "none", "reasons": []}
    assert check_line({"text": "lovely walk"}) == {"level": "none", "reasons": []}


def test_check_line_ignores_extra_keys() -> None:
    result = check_line({"text": "i'm so stupid", "id": 7, "user": "x"})
    assert result == {"level": "none", "reasons": []}
    assert set(check_line({"text": "kms tonight", "extra": True})) == {"level", "reasons"}


@pytest.mark.parametrize(
    "data", [{}, {"txt": "hello"}, {"text": None}, {"text": 3}, {"text": ["i want to die"]}, {"text": b"x"}]
)
def test_check_line_rejects_missing_or_non_string_text(data: dict) -> None:
    with pytest.raises(LineError, match="text"):
        check_line(data)


# ---------------------------------------------------------------------------------------------
# The project lead's probes (generalisation: none of these is in the tuning data)
# ---------------------------------------------------------------------------------------------

LEAD_PROBES = [
    ("life isn't worth it", "concern"),
    ("i'm so done, i want out of this life", "concern"),
    ("if i died tomorrow would anyone notice", "concern"),
    ("my inner critic whispers that i should never have been born", "concern"),
    # goodbye notes alone are concern; with ideation, intent, means or a time they are urgent
    ("i wrote notes to my kids explaining why", "concern"),
    ("i wrote notes to my kids explaining why. i don't want to be here anymore.", "urgent"),
    ("thinking of swallowing everything in the medicine cabinet tonight", "urgent"),
    ("i just want it all to stop forever", "concern"),
    ("i cut myself again last week", "concern"),
    ("ive been looking up how many paracetamol it would take", "urgent"),
    ("i nearly died laughing at the quiz", "none"),
    ("my aunt's funeral is on friday", "none"),
    ("I'm a disaster at everything", "none"),
    ("i've got the tablets lined up for after everyone's asleep", "urgent"),
    ("i keep wishing i could just not exist for a while", "concern"),
    ("the critic says the world would be lighter without me", "concern"),
]


@pytest.mark.parametrize(("text", "level"), LEAD_PROBES)
def test_lead_probes(text: str, level: str) -> None:
    result = screen(text)
    assert result.level == level, result


# ---------------------------------------------------------------------------------------------
# Broad coverage from the lexicon: wishes, acceptance, euphemisms, slang and typos
# ---------------------------------------------------------------------------------------------

LEXICON_CONCERN = [
    # a wish or acceptance word with dying or not existing, with words between
    "part of me just wants everything to be over for good",
    "there are days i'd give anything to stop existing",
    "how peaceful it would be to quietly cease to be",
    "it wouldn't be the worst thing if i just died in my sleep",
    "honestly if i never woke up i'd be fine with that",
    "wouldn't bother me if i never woke up, so it wouldn't",
    "would anybody even come if i died",
    "i envy people who get to die in their sleep",
    "the idea of being dead doesn't scare me anymore, it calms me",
    "i'm worn out from being alive",
    "i can't picture a future with me in it",
    "i'm only staying alive for my brother's sake",
    "i keep hoping the plane goes down on the way to the conference",
    "if a bus hit me i wouldn't get out of the way",
    "sometimes i think it'd be simpler to just check out",
    "i want to go and be with dad again",
    "every night i ask god to take me",
    # first person with a death word in one clause, no wish word needed
    "lately i'm just counting down to my funeral",
    # critic and voices, in any wording
    "critic: 'nobody would shed a tear'. i wrote it down",
    "the voice in my head says do it, nobody cares",
    "critic today: you should just end yourself",
    "two-chair: the critic screamed 'die already'",
    # self-harm: verbs, tools and bodies in many combinations
    "i carved a word into my thigh on sunday",
    "pressed a hot spoon against my wrist last week",
    "i've been banging my head against the doorframe when it gets too loud",
    "punched the wall until my knuckles split, on purpose, a few days ago",
    "the blades are at my sister's but i think about them all the time",
    "i used to cut and this week the urges came back",
    # attempts in the past
    "i attempted when i was 19",
    "the overdose i took at uni still haunts me",
    # slang, dialect and typos
    "reckon everyone'd be better off if i just carked it",
    "i'm no wanting to be here anymore",
    "thinkin about endin it all",
    "been self harmin again",
]


@pytest.mark.parametrize("text", LEXICON_CONCERN)
def test_lexicon_finds_concern(text: str) -> None:
    result = screen(text)
    assert result.level in ("concern", "urgent"), result


# ---------------------------------------------------------------------------------------------
# Urgency modifiers: a time, means at hand or stockpiled, a place, goodbyes, an act happening now
# ---------------------------------------------------------------------------------------------

URGENCY = [
    # time
    "it ends tonight.",
    "sunday i go.",
    "this time tomorrow i'll be dead",
    "i've decided. it's going to be friday.",
    "the plan is set for after the wedding, once everyone's asleep",
    "i'm going to the cliff path once it gets dark",
    # means at hand or stockpiled
    "razor's in my hand. not stopping this time.",
    "i have the rope in the boot of my car",
    "i've got a month's worth of my tablets saved",
    "i have 40 sleeping pills and an empty flat this weekend",
    "gonna take every pill in the house tonight",
    "bought paracetamol from four different shops this week",
    # plan, place and method research
    "looked up how high the multi-storey is",
    "i've set saturday as the date",
    "i'm on the footbridge over the dual carriageway",
    "on the cliff edge now and it's windy",
    "sitting on the bridge railing with my legs over",
    # goodbye behaviours with calm, a plan or a time
    "sorted the passwords, fed the cat one last time. i'm at peace with it.",
    "texted my sister goodbye. phone off after this.",
    "i won't need this app after tonight",
    "gave the dog to my neighbour, she thinks i'm going travelling. i'm not.",
    # an act happening now or earlier today
    "i've taken 20 paracetamol",
    "the pills are kicking in and everything's blurry",
    "i've been scratching my arms for the last twenty minutes and i can't stop",
    "cut my leg at school today. i'm home now and it's still stinging.",
    "belt's around my neck",
    "sat in the garage with the engine running today",
]


@pytest.mark.parametrize("text", URGENCY)
def test_urgency_modifiers(text: str) -> None:
    result = screen(text)
    assert result.level == "urgent", result


# ---------------------------------------------------------------------------------------------
# Exclusions that hold: figures of speech, other people, media, study and work, negation, plans
# ---------------------------------------------------------------------------------------------

EXCLUSIONS = [
    # figures of speech
    "i'd rather die than run another half marathon in the rain haha",
    "feel like death warmed up with this cold",
    "so happy i could die, we got the flat!",
    "i want to die peacefully at 95 surrounded by grandkids",
    "dying for a cup of tea",
    "punishing myself at the gym, legs are wrecked, love it",
    "i could sleep and never wake up after that night shift lol",
    # other people, including quoted speech
    'my mate said "i\'m unaliving myself if we lose" and everyone laughed',
    "my boyfriend keeps saying he wishes he was dead, i've told his gp",
    "a caller said he had the pills in front of him and we talked until he called 999",
    # media, study, professional work
    "i work on a suicide prevention helpline",
    "two clients on my caseload have current suicidal ideation, supervision helped",
    "as a paramedic i attended an overdose call last night",
    "thinking about death the stoic way makes me value today",
    'that lyric "i wanna die in your arms tonight" is stuck in my head',
    # fear of dying and grief
    "i kept thinking i'd die before the kids grew up, health anxiety is awful",
    "when i die i want a massive party, not a sad funeral",
    "since grandad passed i keep thinking about death, mostly where he is now",
    # negations that hold, ordinary meanings
    "i used to self harm as a teenager, ten years clean now",
    "no way i'm killing myself over a boy",
    "going to stop existing on social media for a month, digital detox",
    "the team will be fine without me while i'm on leave next week",
    "now i just need to switch off after the ward round",
    "tonight's the night, the big quiz final at the pub!",
    "visited my old school one last time before they demolish it",
    "i'm going to the bridge to meet sam for lunch tomorrow",
    "i stood on the bridge and watched the rowers for an hour this morning",
]


@pytest.mark.parametrize("text", EXCLUSIONS)
def test_exclusions_hold(text: str) -> None:
    result = screen(text)
    assert result.level == "none", result


# ---------------------------------------------------------------------------------------------
# The engine: gaps, negation reach, fallbacks, reported speech, combinations
# ---------------------------------------------------------------------------------------------


def test_guarded_gaps_stop_at_someone_else_and_negation() -> None:
    guarded = re.compile(rules._expand(r"want ~g4 die"))
    assert guarded.search(" i want to just quietly die ")
    assert not guarded.search(" i want my dad to die ")
    assert not guarded.search(" i want to not die ")
    across = re.compile(rules._expand(r"wanting ~~6 dead"))
    assert across.search(" i keep wanting to be gone , to be dead ")
    assert not across.search(" i want to rest . be dead ")


def test_word_list_lookaheads_end_at_a_word_boundary() -> None:
    pattern = re.compile(rules._expand(r"wake up(?! (?:to|in))"))
    assert pattern.search(" i don't want to wake up tomorrow ")
    assert not pattern.search(" i wake up to the alarm ")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("i haven't slept and want to die", "concern"),  # a conjunction ends the negation
        ("my mum doesn't know i've been cutting my arms", "concern"),  # so does a new subject
        ("i don't think i'd ever want to die", "none"),  # ... except after "think"
        ("i can't say i don't think about dying", "concern"),  # a double negative affirms
    ],
)
def test_negation_reach(text: str, level: str) -> None:
    assert screen(text).level == level


def test_broad_lexicon_rules_only_add_unexplained_words() -> None:
    assert screen("i want to die").reasons == ("wish_to_die: want to die",)
    result = screen("it wouldn't be the worst thing if i just died in my sleep")
    assert result.rule_ids == ("accepts_death",)


def test_the_writer_meaning_it_overrides_reported_speech_and_jokes() -> None:
    assert screen("everyone at work says kms about the rota").level == "none"
    assert screen("everyone at work says kms about the rota. i typed it too and meant it.").level == "concern"


def test_a_time_inside_the_finding_still_combines() -> None:
    result = screen("haven't eaten anything today on purpose because i don't deserve food")
    assert result.level == "urgent"
    assert "self_harm_today" in result.rule_ids


def test_an_earlier_day_keeps_self_harm_at_concern() -> None:
    assert screen("cut my arm on tuesday. today i feel better.").level == "concern"
    assert screen("i starve myself when i've been bad. not today though.").level == "concern"


# Speed is measured by `make bench` (statements per second), never asserted in tests.


# ---------------------------------------------------------------------------------------------
# Generalisation (issue #4): one invented sentence or more for each class of phrasing the rules
# learned from the newer tuning sets. None is taken from any data file.
# ---------------------------------------------------------------------------------------------

GENERALISED_URGENT = [
    # announced acts with a time said after them, and terse announcements
    "i'm going to end it this sunday evening",
    "by friday i'll have ended it",
    "this thursday's the night",
    "doing it, myself i mean",
    "tomorrow morning i'm going to step in front of the 7:40",
    "when my wife's on earlies tomorrow i'll go through with it",
    "the plan is to go over the edge of the quarry next weekend",
    "i'll make it stop tomorrow once the house is empty",
    "by the time my sister finds this it'll be done",
    "on monday i'll drive up to the viaduct and just jump",
    # euphemisms for dying, announced
    "pretty sure i'll log off permanently this weekend",
    "soon i'll go and join my grandad",
    "i'll make it permanent on thursday",
    # vital medicines stopped as a way to die
    "quit injecting my insulin last week so my body just gives out",
    # an attempt just made, in other words
    "i've already taken most of the box",
    "downed my meds earlier, all of them",
    "emptied the whole tub into my mouth",
    "i've taken way more of my quetiapine than i'm allowed to, on purpose",
    # a plan known, means set up or sitting ready
    "worked it all out, i know when and where",
    "everything is sorted so i can do it",
    "nothing will stop me from ending it",
    "i've tied my rope ready",
    "taped the tubing onto the exhaust pipe",
    "said all my goodbyes and the pills are in my bag",
    "next time i won't climb down",
    # goodbyes pointing past death, secrecy, finality
    "left notes for the girls for afterwards",
    "my neighbour's having the dog before i go, they don't know what i'm planning",
    "found my budgie a home, i'll be gone before christmas",
    "i'm leaving a note for mum and then i'm off to the railway",
    "i'm finishing it this weekend, nobody can talk me out of it",
    "i'll be at the cliffs by sunset and i'm not planning on coming back",
    "so sorry everyone, it's happening this evening",
    # a risky place, now
    "been sat by the canal for an hour with a bottle of vodka and my pills",
    "i drove to the bridge and i'm sat in the car working up to it",
    "on the platform edge, the next train i'm going under",
    # self-harm today in other words
    "scraped my legs with a razor this afternoon till they bled",
    "it's been an hour and i'm still hurting myself",
    "took a razor to my arm tonight and its deep, theres blood on the floor",
    "all the paracetamol in the house is in my room now, waiting for everyone to go to bed",
    "i'm writing this from the top of the car park, it's really high",
    "so the plan is pills and whisky after the kids are in bed",
    "ive stopped my dialysis on purpose, i want it over",
    "i've got my mum's old tablets, tonight seems like the time to take them",
    "at midnight i'm swallowing the entire strip",
    "i won't be here by then, it's all sorted",
    "i lied to my therapist. i'm not safe. the tablets are under my pillow for tonight",
    "the voice won tonight. i'm going to the bridge",
    "cut so deep i can see inside, can't get it to stop",
    "got an airbnb for the weekend so the kids don't find me",
    "set the date for my birthday, i won't see 30",
    "i'm standing on the edge of the platform waiting for the fast train",
    "tomorrow i'll plough my car off the flyover",
    "my bags packed for the bridge, leaving at midnight",
    "just slit my wrist",
    "came home, fed the cat, and now i'm sat with all my tablets counting them out. i think tonight's when.",
    "ive got the tabs, tonights the night",
    "i've wrote my note and i'm ready",
    "going to the train tracks after dinner",
    "just jumped off a bridge and survived and i'm going back to try again",
    "my will is done, the dog is rehomed, i'm going on friday",
    "everything is arranged for sunday. i'm calm about it.",
    "wrote goodbye to my sister and i'm going to the beach to walk into the waves",
    "i can't do this anymore. the rope is up in the garage",
    "said bye to my nan today, she doesn't know it's the last time",
    "thinking of ending it tonight when i'm alone",
    "i want to die today and i have the means",
    "I've got a plan. Tonight, pills, after everyone's asleep.",
    "I've started taking them one by one",
    "I've written to my kids and I'm going to drive into the sea",
    "I've put the rope over the beam in the garage",
    "thank you for everything, love you all. sorry it came to this",
]

GENERALISED_CONCERN = [
    # passive wishes without the usual verbs
    "if my lungs just stopped one night i'd be okay with that",
    "part of me hopes the ferry goes down",
    "if a bus hit me tomorrow i'd be fine with that",
    "i wouldn't mind never waking up",
    "some mornings i'm gutted to wake up at all",
    "i'd take a stroke in my sleep, honestly",
    "life feels like something i'd rather opt out of",
    "being alive is a subscription i'd like to cancel",
    "i keep hoping i'll get sick and not recover",
    "i can't think of a single reason to keep going",
    "not existing would be kinder than this",
    "the only thing keeping me going right now is the kids",
    "my brain keeps offering death as the answer",
    "i'd love to switch off for good",
    "part of me wishes i could be erased",
    # others better off, said through what they would do
    "would anybody realise if i stopped existing",
    "if i was dead my family would move on in weeks",
    "everything at home would be more peaceful if i weren't in it",
    "my sister would be sad for a bit but then feel lighter",
    # the critic's lines in a dialogue
    "critic: disappear and let them get on with their lives",
    "the critic told me to do my family a kindness by going",
    "my critic insists someone like me doesn't deserve to live",
    "critic: honestly you're such a burden to all of them",
    # self-harm and urges in other words
    "squeezed my wrist until it bruised last night",
    "thumped the wall over and over, knuckles are bleeding",
    "snapped a band on my wrist rather than burning myself",
    "the marks on my arm have healed and i need new ones",
    "wanting to sh so badly tonight but i'm staying downstairs",
    "no lunch, i haven't earned food",
    "i hope i get cancer and it's quick",
    "i think about jumping every time i cross the bridge",
    "i had a go at strangling myself with a scarf last year",
    "on the motorway i thought i could just swerve into the barrier, which frightened me",
    "the world's a mess and honestly i'd rather not be in it",
    "dad would be gutted for a month but then be fine",
    "no point being here anymore",
    "i can't see any way out except dying",
    "if i didn't have the dog i'd be gone by now",
    "dear me, i know you've been hurting. last week you burned your arm with the iron again. you deserve care.",
    "my mind keeps telling me to jump when i'm on the platform",
    "when i'm gone they'll finally be happy",
    "i feel like i'm taking up space that someone better could have",
    "sometimes i picture my family without me and they look happier",
    "i keep thinking that if i died it would solve everything",
    "i've lost the will to live",
    "my brain keeps telling me everyone would be better off",
    "i'm worth more dead than alive",
    "i feel like giving up on everything, even living",
    "i'm not scared of dying anymore, part of me wants it",
    "years back i used to burn myself and now i keep wanting to start again",
    "Nobody needs me and I'd be better off not here",
]

GENERALISED_NONE = [
    "back when i was at school i wanted to die, that's behind me now",
    "years ago i felt my kids would do better without me, i don't feel that now",
    "the song i keep playing goes 'i want to die in your arms'",
    "this raid is impossible, kms lmao",
    "here's the last entry in the old journal, a new one arrives tomorrow",
    "i have a plan to get through christmas with my family",
    "after that shift i want to hibernate forever haha",
    "we're off to the beach tonight for a swim",
    "i know where and when i'm proposing to her",
    "i quit smoking and i'm done for good",
    "i'm going to jump into the pool tomorrow morning",
    "today is the day i finally tell my boss i'm leaving",
    "i won't be here tomorrow, i'm away at a conference",
    "i wish i could disappear for a weekend and just read",
    "i used to think about dying a lot as a teenager but that's long gone",
    "i cut myself shaving this morning, blood everywhere lol",
    "i'm sick of waking up at 5am for work",
    "the doctor stopped my insulin and switched me to tablets",
    "i'm heading to the cliffs for a walk at sunset",
    "giving away my son's outgrown toys to the nursery",
    "i'm off to the river for a swim with the kids",
    "my mum keeps saying she wants to die when her back hurts",
    "i'm leaving at midnight for the airport",
    "dear me, you burned your hand on the oven tray at work, be gentle with it",
    "going to the bridge for dinner with friends after work",
    "everything is arranged for sunday's party, can't wait",
    "heading to the lake with the kids to jump in the pool at the lido",
    "i'm done with life admin for today",
    "i want everything to stop being so loud",
    "i'm worth more than how i'm treated at work",
    "i stopped my antibiotics early because i felt better",
    "I put the Christmas lights over the beam in the garage",
    "I've got a plan for the weekend: hike, pub, sleep",
    "I've started taking my new meds and feel okay",
]


@pytest.mark.parametrize("text", GENERALISED_URGENT)
def test_generalised_urgent(text: str) -> None:
    result = screen(text)
    assert result.level == "urgent", result.reasons


@pytest.mark.parametrize("text", GENERALISED_CONCERN)
def test_generalised_concern(text: str) -> None:
    result = screen(text)
    assert result.level == "concern", result.reasons


@pytest.mark.parametrize("text", GENERALISED_NONE)
def test_generalised_none(text: str) -> None:
    result = screen(text)
    assert result.level == "none", result.reasons


def test_dialogue_and_thought_record_labels_start_a_sentence() -> None:
    assert rules.normalise("critic: just go. me: ok") == " . critic , just go . . me , ok "
    # one voice's words are not read with the next voice's
    assert screen("me: the chorus goes 'let me die young'. critic: you're pathetic").level == "none"


def test_an_ended_sign_off_dates_nothing() -> None:
    result = screen("smashed my fist into the wall on monday till it bled. ok that's enough for tonight")
    assert result.level == "concern"


def test_the_critic_is_never_trivial_hyperbole() -> None:
    assert screen("so embarrassed i wanted to die, the whole office saw").level == "none"
    assert screen("critic: stop existing and the whole office relaxes").level == "concern"


def test_gates_use_a_group_s_first_words_as_token_prefixes() -> None:
    assert rules.required_literals(r" (?:wanted|wishing) badly") == frozenset({" wanted", " wishing"})


# ---------------------------------------------------------------------------------------------
# Third pass (four more writers): each class with invented probes, never a data set's words
# ---------------------------------------------------------------------------------------------

THIRD_PASS = [
    ("my past attempt was in 2019, i told the new gp about it", "concern"),
    ("attempted twice as a teenager. doing ok these days", "concern"),
    ("critic: you even failed at dying, pathetic", "concern"),
    ("i'm swallowing all of my dad's tablets tonight", "urgent"),
    ("took the lot about ten minutes ago and now i feel sick", "urgent"),
    ("drank some stuff from under the kitchen sink", "urgent"),
    ("tomorrow i end my life, it's decided", "urgent"),
    ("i'm finishing it when the flat is empty", "urgent"),
    ("made up my mind, it's happening tomorrow", "urgent"),
    ("this time i won't ring anyone afterwards", "urgent"),
    ("nobody will find me until tuesday", "urgent"),
    ("i'll be gone by saturday, i'm sure of it", "urgent"),
    ("i just want to stop being a person for good", "concern"),
    ("some days i'd rather not exist", "concern"),
    ("it'd be a relief if my heart gave out in my sleep", "concern"),
    ("non existence feels restful to me lately", "concern"),
    ("if i died it would solve everything for them", "concern"),
    ("they'd be better off without a mum like me", "concern"),
    ("i keep hoping the bus will crash and take me", "concern"),
    ("critic: you should have stayed dead", "concern"),
    ("the voice said it's better for everyone if you were dead", "concern"),
    ("lord, please take me home, i've had enough", "concern"),
    ("i'm at the reservoir. goodbye", "urgent"),
    ("walking out until i can't come back", "urgent"),
    ("stubbed my cigarette out on my arm again", "concern"),
    ("got so angry i went to the bathroom and cut", "concern"),
]

THIRD_PASS_NONE = [
    "no past attempts, no self-harm, the intake form asked",
    "took the kids to school about ten minutes ago",
    "my headache tablets: took them about an hour ago",
    "the sale ends tonight so i'm finishing it tomorrow",
    "i'll be gone by friday for the conference in leeds",
    "switched my phone off for good, social media detox",
    "the villain in the game yells die die die every level",
    "on the pier at sunset taking photos, bye for now",
    "imagine christmas without the in-laws, peaceful",
    "my gran asks god to take her home, she's 96 and says it laughing",
]


@pytest.mark.parametrize(("text", "level"), THIRD_PASS)
def test_third_pass_classes(text: str, level: str) -> None:
    result = screen(text)
    assert result.level == level, result.reasons


@pytest.mark.parametrize("text", THIRD_PASS_NONE)
def test_third_pass_exclusions(text: str) -> None:
    result = screen(text)
    assert result.level == "none", result.reasons
