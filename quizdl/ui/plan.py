"""`quizdl plan` and the readiness forecast of `quizdl stats`, in the learner's language."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from quizdl.bank.catalog import Catalog
from quizdl.progress.plan import Plan, Quota, TopicForecast, forecast, interview_moment, selection
from quizdl.progress.store import Store

BAR_WIDTH = 20
NAME_WIDTH = 36
LABELS = {
    "en": {
        "plan": "Plan: ready by {until} ({days} days left) · topics: {topics}",
        "all_topics": "all",
        "quota": "New questions: {n} a day for {intro} day(s) ({unseen} not seen yet at the start of today), "
                 "each then reviewed before the interview.",
        "done": "Every question of the plan has been seen: only reviews are left.",
        "tight": "The interview is too close for reviews on a later day: all {unseen} unseen questions today.",
        "load": "Expected reviews: {average:.0f} a day on average, {peak} at most.",
        "no_plan": "No plan. `quizdl plan --until YYYY-MM-DD` sets one.",
        "over": "The interview day of the plan ({until}) has come: `quizdl plan --clear` ends it.",
        "cleared": "Plan cleared.", "nothing_to_clear": "There was no plan.",
        "following": "Following the plan to {until}: {n} new question(s) a day.",
        "forecast": "Readiness on {until}: predicted recall if no review came in between",
        "at_risk": "at risk", "separator": ", ",
    },
    "zh": {
        "plan": "计划：{until} 面试（还有 {days} 天）· 主题：{topics}",
        "all_topics": "全部",
        "quota": "新题：接下来 {intro} 天每天 {n} 道（今天开始时还有 {unseen} 道没学过），每道都能在面试前复习到。",
        "done": "计划里的题目都已学过，只剩复习。",
        "tight": "离面试太近，来不及隔天复习：今天学完全部 {unseen} 道新题。",
        "load": "预计复习：平均每天 {average:.0f} 次，最多 {peak} 次。",
        "no_plan": "还没有计划。用 `quizdl plan --until YYYY-MM-DD` 设定。",
        "over": "计划的面试日（{until}）已到：`quizdl plan --clear` 结束计划。",
        "cleared": "计划已清除。", "nothing_to_clear": "本来就没有计划。",
        "following": "按计划（{until} 面试）：每天 {n} 道新题。",
        "forecast": "{until} 面试当天的掌握度预测：若期间不再复习，预计能答对的比例",
        "at_risk": "有风险", "separator": "，",
    },
}


def print_plan(console: Console, catalog: Catalog, plan: Plan, quota: Quota, lang: str) -> None:
    t = LABELS[lang]
    topics = ", ".join(plan.topics) or t["all_topics"]  # the ids, as --topic takes them
    console.print(Text(t["plan"].format(until=plan.until, days=quota.days_left, topics=topics), style="bold"))
    if quota.unseen == 0:
        console.print(t["done"])
    elif quota.tight:
        console.print(Text(t["tight"].format(unseen=quota.unseen), style="yellow"))
    else:
        console.print(t["quota"].format(n=quota.per_day, intro=quota.intro_days, unseen=quota.unseen))
    console.print(t["load"].format(average=quota.average_reviews, peak=max(quota.reviews_per_day, default=0)))


def print_following(console: Console, plan: Plan, per_day: int, lang: str) -> None:
    """The line `quizdl practice` starts with while a plan is active."""
    console.print(Text(LABELS[lang]["following"].format(until=plan.until, n=per_day), style="dim"))


def print_readiness(console: Console, catalog: Catalog, store: Store, plan: Plan, lang: str) -> None:
    """The forecast of the plan's topics on its interview day."""
    rows = forecast(selection(catalog, plan, store.suspended()), store.cards(), interview_moment(plan))
    print_forecast(console, catalog, plan, rows, lang)


def print_forecast(console: Console, catalog: Catalog, plan: Plan, rows: list[TopicForecast], lang: str) -> None:
    """One bar per topic, the lowest (the topics at risk) first."""
    t = LABELS[lang]
    console.print(Text(t["forecast"].format(until=plan.until), style="bold"))
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, overflow="ellipsis", max_width=NAME_WIDTH)
    for _ in range(3):
        table.add_column(no_wrap=True)
    for row in rows:
        filled = round(BAR_WIDTH * row.recall)
        bar = Text("█" * filled, style="red" if row.at_risk else "green")
        bar.append("░" * (BAR_WIDTH - filled), style="dim")
        table.add_row(Text("  " + catalog.topic_title(row.topic, lang)), bar, f"{100 * row.recall:3.0f}%",
                      Text(t["at_risk"] if row.at_risk else "", style="bold red"))
    console.print(table)


def print_message(console: Console, key: str, lang: str, **values: object) -> None:
    console.print(LABELS[lang][key].format(**values))
