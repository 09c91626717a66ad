"""Templates of problem posts: people describing a pain or asking for a tool.

Many say so plainly ("so frustrated", "is there a tool"), many do not ("every Friday
goes to...", "my current system is a spreadsheet with fourteen tabs"). Syntax, expanded
by `harbor.sandbox.text.expand`: `[a|b|c]` picks one alternative (an empty one means
"nothing"), `{slot}` inserts a slot, `{Slot}` the same capitalised.
"""

from __future__ import annotations

__all__ = ["ASKS", "CLOSINGS", "CONTEXTS", "FLAIRS", "PAINS", "TITLES", "TRIED"]

TITLES: tuple[str, ...] = (
    "How do you all handle {gerund}?",
    "[Spent|Lost|Wasted|Burned] {hours} hours {gerund} [this week|today|yesterday|again]",
    "Is there a tool that {outcome}?",
    "Anyone found something that {outcome}?",
    "{Tool} [isn't cutting it|keeps letting me down|is driving me nuts] for {objects}"
    "[ - what else is out there?|. Alternatives?|]",
    "There has to be a better way to deal with {objects}",
    "Am I the only one who [dreads|hates|keeps putting off] {gerund}?",
    "[Drowning|Buried|Swamped] in {objects}[ and I can't keep up|, send help|]",
    "What do you use for {objects}? [My spreadsheet has given up|Excel is not it anymore|"
    "Sticky notes are not a system]",
    "{Gerund} is eating my [weekends|evenings|margins|sanity]",
    "Would you pay for something that {outcome}?",
    "[Struggling|Really struggling] with {gerund} as a {role}",
    "So frustrated with {objects} right now",
    "Need advice: {gerund} has become a second job",
    "Help: {failure}",
    "{Failure}. [What am I doing wrong?|How do others cope?|Ideas?|Is this normal?]",
    "Recommendations for [handling|managing|automating] {objects} under ${price}/month?",
    "How are [small teams|solo founders|other freelancers|shops like mine] "
    "keeping on top of {objects}?",
    "Genuinely asking: how do you stay sane {gerund}?",
    "I can't keep doing {gerund} by hand",
    "{hours} hours a week on {objects}. Is that normal?",
    "Looking for a [simple|cheap|no-nonsense|boring but reliable] way to handle {objects}",
    "Our {objects} process is held together with duct tape",
    "[Tired|Sick and tired|Exhausted] of {gerund}",
    "Every month the same mess with {objects}",
    "Why is {gerund} still this painful?",
    "What's the least painful way to deal with {objects}?",
    "Is it just me or is {tool} [terrible|awful|useless] at {objects}?",
    "Any {role}s here figured out {gerund}?",
    "{Role} here - {failure}",
    "Quick question about {objects}[ (long post, sorry)|]",
    "Losing [clients|customers|money] because of {objects}",
    "Paying a VA just for {gerund}. Is there a better option?",
    "Is {gerund} supposed to take this long?",
    "Please tell me there's an app for {gerund}",
    "I [hate|dread|despise] {gerund}. What's your system?",
    "Small {business} owner, completely lost with {objects}",
    "How do I stop {gerund} from taking over my week?",
    "What would you do: {failure}",
    "Does anyone else's {business} run on {workaround}?",
)

CONTEXTS: tuple[str, ...] = (
    "I run a {business}[ with {n} employees| with my partner| on my own|].",
    "[Solo|Part-time|Full-time] {role} here[, about {years} years in|, just went full-time"
    " this year|].",
    "Some context: we're a {n}-person {business}.",
    "[Background|For context|A bit of background]: I've been running a {business}"
    " for {years} years.",
    "I'm the only [ops|admin|back-office] person at a {business}.",
    "We're a small {business} and I handle [pretty much everything|the admin side"
    "|ops and finance].",
    "[Long-time lurker, first post.|Throwaway because my clients know my main.|"
    "Not sure this is the right sub, but here goes.]",
    "My [wife|husband|sister|friend] and I started a {business} [last year|in {year0}"
    "|{years} years ago].",
    "I'm a {role} and most of my clients are {audience}.",
    "",
)

PAINS: tuple[str, ...] = (
    "Every {weekday} I lose [most of the afternoon|half a day|{hours} hours] {gerund}.",
    "Right now it all [lives in|runs on|is held together by] {workaround}.",
    "The [problem|real issue|annoying part] is that {failure}.",
    "[Honestly|Truthfully|Not gonna lie], {gerund} [is the part of the job I hate most"
    "|makes me want to quit some days|takes longer than the actual work].",
    "Last month {incident}.",
    "I've got [dozens of|about {n}|way too many] {objects} [sitting in my inbox|to sort out"
    "|waiting on me] and no real system.",
    "It isn't hard, it's just endless.",
    "I know it sounds small, but it adds up to [a full day|two days|most of a week] every month.",
    "What kills me is [the context switching|all the copy-pasting|remembering who I already"
    " contacted|doing the exact same steps every single time].",
    "It feels like I'm the bottleneck for everything.",
    "We went from {n_small} to {n} [clients|customers|orders a week] and the old way"
    " just doesn't scale.",
    "By the time I'm done {gerund} I have no energy left for the work that pays.",
    "I keep telling myself I'll fix it next month.",
    "[Twice|Three times] this quarter {failure}.",
    "My [accountant|business partner|team] [keeps asking|has started asking] why {failure}.",
    "I'm [exhausted|burnt out|fed up] and it's [only Tuesday|not even lunchtime|the"
    " third week in a row].",
    "[It's a mess.|It's chaos.|It's embarrassing, honestly.]",
)

TRIED: tuple[str, ...] = (
    "I've tried {tool} and {tool2}, but {tool_issue}.",
    "[We|I] [used|tested|paid for] {tool} for [a few months|a year|about six weeks],"
    " but {tool_issue}.",
    "Looked at {tool}, but at ${price}/month it's [way too much|overkill|hard to justify]"
    " for a team our size.",
    "Built a Zapier thing but it [breaks|silently fails|costs more than expected]"
    " every time something changes.",
    "My current 'system' is {workaround}, which is exactly as bad as it sounds.",
    "[Everyone|Every blog post] says to use {tool}. We did. {Tool_issue}.",
    "I even tried hiring someone for it, but training them took longer than doing it myself.",
)

ASKS: tuple[str, ...] = (
    "How are [you|others|other {role}s] handling this?",
    "Is there something that just {outcome}?",
    "I'd [happily|gladly] pay [${price}/month|a fair price|real money] for something"
    " that {outcome}.",
    "Open to [apps, processes, hiring someone|anything at this point|any ideas].",
    "What am I missing?",
    "Any recommendations [welcome|appreciated|would be great].",
    "If nothing exists I might [build it myself|just hire someone|give up and raise prices].",
    "Would love to hear what works for you.",
    "Do I just accept this as part of running a business?",
    "How do bigger [companies|shops|agencies] deal with this?",
    "What does your setup look like?",
)

CLOSINGS: tuple[str, ...] = (
    "Thanks in advance.",
    "Sorry for the wall of text.",
    "Cheers.",
    "TIA!",
    "Edit: formatting.",
    "",
    "",
    "",
)

FLAIRS: tuple[str | None, ...] = ("Question", "Help", "Discussion", "Tools", None, None)
