//! The scenario editor (left side): every input of the scenario, grouped as a planner
//! thinks — crossings and traffic, threat and smugglers, staffing and costs, strategies,
//! run settings — in planner units, validated as the planner types.
//!
//! Structure:
//! - [`ScenarioEditor`] (this file): name, description, question, and the collapsible
//!   sections with their problem counts.
//! - `crossings.rs`: one crossing as a form; many as a filterable table with bulk edits.
//! - `traffic.rs`: outbound factors, trusted shares and the traffic profiles.
//! - `threat.rs`: contraband, smuggling waves and adaptive carriers.
//! - `costs.rs`: pay, overtime, set-up and X-ray costs.
//! - `strategies.rs` and `plan.rs`: the strategies and the plan editor.
//! - `inspection.rs`: how interviews, X-ray and searches perform (all strategies).
//! - `run_settings.rs`: horizon, replications, seed.
//! - `programme/`: the programme question the optimiser answers (goal, crossings,
//!   floor, candidate plans, search effort).
//! - `record.rs`: the seizure record calibration anchors to; `assurance.rs`: the
//!   robustness settings and where a re-based prevalence came from.
//! - `fields.rs`: the inputs; `format.rs`: parsing and display of numbers.
//!
//! Every edit is an [`Action::Edit`] on the shared state; the reducer re-validates and
//! each field shows `state.problem_at(path)` for its validation path.

mod assurance;
mod costs;
mod crossings;
mod fields;
pub mod format;
mod inspection;
pub mod labels;
mod plan;
pub mod programme;
mod record;
mod reveal;
mod run_settings;
mod strategies;
mod threat;
mod traffic;

use egress_core::scenario::{Problem, Scenario};
use yew::prelude::*;

use crate::state::{Action, AppContext, Edit};
use fields::TextField;
use format::describe_path;

/// The state handle plus the helpers every editor part uses.
#[derive(Clone, PartialEq)]
pub(crate) struct Ed {
    pub state: AppContext,
}

impl Ed {
    pub fn scenario(&self) -> &Scenario {
        &self.state.scenario
    }

    /// The core's message for exactly this path.
    pub fn error(&self, path: &str) -> Option<AttrValue> {
        self.state
            .problem_at(path)
            .map(|p| AttrValue::from(p.message.clone()))
    }

    pub fn problem_count(&self, prefixes: &[&str]) -> usize {
        prefixes
            .iter()
            .map(|p| self.state.problems_under(p).count())
            .sum()
    }

    /// A callback that applies `f` with the value it receives, as one edit.
    pub fn edit<T: Clone + 'static>(
        &self,
        label: &'static str,
        f: impl Fn(&mut Scenario, T) + 'static,
    ) -> Callback<T> {
        let dispatcher = self.state.dispatcher();
        let f = std::rc::Rc::new(f);
        Callback::from(move |value: T| {
            let f = f.clone();
            dispatcher.dispatch(Action::Edit(Edit::new(label, move |s| f(s, value.clone()))));
        })
    }

    /// Applies `f` now, as one edit.
    pub fn apply(&self, label: &'static str, f: impl Fn(&mut Scenario) + 'static) {
        self.state.dispatch(Action::Edit(Edit::new(label, f)));
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Section {
    Crossings,
    Threat,
    Staffing,
    Strategies,
    Assurance,
    Run,
    Programme,
}

impl Section {
    const ALL: [Section; 7] = [
        Section::Crossings,
        Section::Threat,
        Section::Staffing,
        Section::Strategies,
        Section::Assurance,
        Section::Run,
        Section::Programme,
    ];

    fn slug(self) -> &'static str {
        match self {
            Section::Crossings => "crossings",
            Section::Threat => "threat",
            Section::Staffing => "staffing",
            Section::Strategies => "strategies",
            Section::Assurance => "assurance",
            Section::Run => "run",
            Section::Programme => "programme",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Section::Crossings => "Crossings & traffic",
            Section::Threat => "Threat & smugglers",
            Section::Staffing => "Staffing & costs",
            Section::Strategies => "Strategies",
            Section::Assurance => "Seizure record & robustness",
            Section::Run => "Run settings",
            Section::Programme => "Programme question",
        }
    }

    /// Validation paths whose problems this section shows.
    fn prefixes(self) -> &'static [&'static str] {
        match self {
            Section::Crossings => &["crossings", "traffic"],
            Section::Threat => &["threat", "adversary"],
            Section::Staffing => &["costs"],
            Section::Strategies => &["strategies", "inspection"],
            Section::Assurance => &["record", "assurance"],
            Section::Run => &["horizon_days", "replications", "seed"],
            Section::Programme => &["programme"],
        }
    }

    fn summary(self, s: &Scenario) -> String {
        match self {
            Section::Crossings => {
                let n = s.crossings.len();
                match s.crossings.first() {
                    Some(c) if n == 1 => format!("{} ({}), {}", c.name, c.state, c.border.label()),
                    _ => format!("{n} crossings · traffic profiles"),
                }
            }
            Section::Threat => format!(
                "{} contraband types · waves · {:.0}% adaptive carriers",
                egress_core::scenario::Contraband::COUNT,
                s.adversary.adaptive_share * 100.0
            ),
            Section::Staffing => format!(
                "{} an officer-hour loaded · {} h shifts",
                format::money(s.costs.loaded_hourly_rate),
                format::format_number(s.costs.shift_hours, 2, false)
            ),
            Section::Strategies => {
                let n = s.strategies.len();
                format!(
                    "{n} strateg{} to compare · technique parameters",
                    if n == 1 { "y" } else { "ies" }
                )
            }
            Section::Assurance => {
                let settings = egress_core::scenario::assurance::AssuranceSettings::of(s);
                format!(
                    "{} · {} plausible worlds",
                    s.record.as_ref().map_or_else(
                        || String::from("no seizure record"),
                        |r| format!("{} record", r.label)
                    ),
                    settings.worlds
                )
            }
            Section::Run => format!("{} days × {} replications", s.horizon_days, s.replications),
            Section::Programme => match &s.programme {
                Some(p) => crate::programme::goal::goal_short(&p.goal),
                None => "not asked: minimum frequency or a budget's best use".to_string(),
            },
        }
    }
}

/// A problem in a section's list: where (a button that goes to the field) and what.
fn problem_item(s: &Scenario, p: &Problem) -> Html {
    let path = p.path.clone();
    let onclick = Callback::from(move |_: MouseEvent| reveal::reveal(&path));
    html! {
        <li data-problem-path={p.path.clone()}>
            <button type="button" class="link-button section-problems__where" {onclick}
                    title="Go to this field">
                { describe_path(s, &p.path) }
            </button>
            { ": " }{ p.message.clone() }
        </li>
    }
}

/// Every input of the scenario, grouped as a planner thinks.
#[function_component]
pub fn ScenarioEditor() -> Html {
    let state = use_context::<AppContext>();
    let open = use_state(|| vec![Section::Strategies]);
    let Some(state) = state else {
        return Html::default();
    };
    let ed = Ed { state };
    let s = ed.scenario();

    let total = ed.state.problem_count();
    let status = if total == 0 {
        html! { <p id="editor-status" class="editor__status editor__status--ok" aria-live="polite">{ "All inputs are valid." }</p> }
    } else {
        html! {
            <p id="editor-status" class="editor__status editor__status--bad" aria-live="polite">
                { format!("{total} problem{} to fix before running; the sections marked below show where.",
                          if total == 1 { "" } else { "s" }) }
            </p>
        }
    };

    // Problems that belong to no section (the scenario's own fields, the format).
    let general: Vec<_> = ed
        .state
        .all_problems()
        .filter(|p| {
            !Section::ALL.iter().any(|sec| {
                sec.prefixes().iter().any(|prefix| {
                    p.path == *prefix
                        || p.path.starts_with(prefix)
                            && matches!(
                                p.path.as_bytes().get(prefix.len()),
                                Some(b'.') | Some(b'[')
                            )
                })
            }) && !matches!(p.path.as_str(), "name" | "description" | "question")
        })
        .cloned()
        .collect();

    let sections = Section::ALL.iter().map(|&section| {
        let is_open = open.contains(&section);
        let count = ed.problem_count(section.prefixes());
        let toggle = {
            let open = open.clone();
            Callback::from(move |_: MouseEvent| {
                let mut next = (*open).clone();
                if let Some(i) = next.iter().position(|s| *s == section) {
                    next.remove(i);
                } else {
                    next.push(section);
                }
                open.set(next);
            })
        };
        let slug = section.slug();
        let body_id = format!("editor-section-{slug}-body");
        let body = if is_open {
            let problems: Vec<_> = section
                .prefixes()
                .iter()
                .flat_map(|p| ed.state.problems_under(p))
                .collect();
            html! {
                <>
                    if !problems.is_empty() {
                        <ul class="section-problems" aria-label={format!("Problems in {}", section.title())}>
                            { for problems.iter().take(12).map(|p| problem_item(s, p)) }
                            if problems.len() > 12 {
                                <li>{ format!("… and {} more", problems.len() - 12) }</li>
                            }
                        </ul>
                    }
                    { match section {
                        Section::Crossings => html! {
                            <>
                                <crossings::CrossingsEditor />
                                <traffic::TrafficEditor />
                            </>
                        },
                        Section::Threat => html! { <threat::ThreatEditor /> },
                        Section::Staffing => html! { <costs::CostsEditor /> },
                        Section::Strategies => html! {
                            <>
                                <strategies::StrategiesEditor />
                                <inspection::InspectionEditor />
                            </>
                        },
                        Section::Assurance => html! {
                            <>
                                <record::RecordEditor />
                                <assurance::AssuranceSettingsEditor />
                            </>
                        },
                        Section::Run => html! { <run_settings::RunSettings /> },
                        Section::Programme => html! { <programme::ProgrammeEditor /> },
                    } }
                </>
            }
        } else {
            Html::default()
        };
        html! {
            <section id={format!("editor-section-{slug}")}
                     class={classes!("ed-section", is_open.then_some("ed-section--open"), (count > 0).then_some("ed-section--invalid"))}
                     data-problems={count.to_string()}>
                <h3 class="ed-section__heading">
                    <button type="button" class="ed-section__toggle" id={format!("editor-section-{slug}-toggle")}
                            aria-expanded={is_open.to_string()} aria-controls={body_id.clone()} onclick={toggle}>
                        <span class="ed-section__chevron" aria-hidden="true"></span>
                        <span class="ed-section__title">{ section.title() }</span>
                        <span class="ed-section__summary">{ section.summary(s) }</span>
                        if count > 0 {
                            <span class="ed-section__count" title="Problems in this section">
                                { format!("{count} problem{}", if count == 1 { "" } else { "s" }) }
                            </span>
                        }
                    </button>
                </h3>
                <div id={body_id} class="ed-section__body" hidden={!is_open}>{ body }</div>
            </section>
        }
    });

    html! {
        <div class="editor" id="scenario-editor">
            { status }
            <div class="editor__identity">
                <TextField path="name" value={s.name.clone()}
                           error={ed.error("name")}
                           on_change={ed.edit("name", |s: &mut Scenario, v: String| s.name = v)} />
                <TextField path="question" multiline=true
                           value={s.question.clone()} error={ed.error("question")}
                           placeholder="e.g. What does a weekly minimum frequency buy, and at what cost?"
                           on_change={ed.edit("question", |s: &mut Scenario, v: String| s.question = v)} />
                <TextField path="description" multiline=true
                           value={s.description.clone()} error={ed.error("description")}
                           on_change={ed.edit("description", |s: &mut Scenario, v: String| s.description = v)} />
                if !general.is_empty() {
                    <ul class="section-problems">
                        { for general.iter().map(|p| problem_item(s, p)) }
                    </ul>
                }
            </div>
            <div class="editor__sections">
                { for sections }
            </div>
        </div>
    }
}
