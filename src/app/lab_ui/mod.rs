//! What the autoencoder and VAE chapters share: the run buttons, the live numbers, the
//! divergence notice, and the rules for leaving and returning to a chapter.

pub mod extras;
pub mod form;
pub mod guide;
pub mod latent;
pub mod own_images;
pub mod saved;
pub mod share;
pub mod weights;

use leptos::prelude::*;

use super::charts::Series;
use super::lab_store::{LabStatus, LabStore};
use super::widgets::Announce;
use super::worker_client::worker_link;
use super::{use_i18n, use_worker, I18n};
use crate::data::mnist::PIXELS;
use crate::i18n::Msg;
use crate::jobs::lab::config::LabConfig;
use crate::jobs::lab::{LabCommand, OwnImages};
use crate::jobs::Order;
use crate::protocol::Command;
use crate::view::announce::{lab_sentence, speaks};
use crate::view::chart_style::{HELD_OUT, TRAIN};
use crate::view::format::{fill, megabytes};
pub use crate::view::format::{format_loss, group_thousands};
pub use crate::view::grid_words::GridWords;
use crate::view::lab_state::{diverged_notice, run_buttons, WORKING_AFTER_MS};
use crate::view::typed_input;

/// The accessible name of one of this lab's digit grids titled `title`: `count()` images (or
/// pairs) from the model at the lab's last summary, in `words` (`view::grid_words`).
pub fn grid_name(
    lab: LabStore,
    title: Msg,
    words: impl Fn() -> GridWords + Send + Sync + 'static,
    count: impl Fn() -> usize + Send + Sync + 'static,
) -> Signal<String> {
    let i18n = use_i18n();
    Signal::derive(move || {
        let step = lab.summary.with(|s| s.as_ref().map_or(0, |s| s.step));
        words().name(&|m| i18n.t(m), i18n.t(title), count(), step)
    })
}

/// Splits a run of 784-byte images.
pub fn split_images(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes.chunks_exact(PIXELS).map(<[u8]>::to_vec).collect()
}

/// Sends a command to the lab's model. Callable from event handlers and callbacks, which run
/// outside the component tree. A new model (a reset or a restored run) on a worker that lacks
/// the visitor's pictures (a new one, after a crash) is preceded by them.
pub fn send(lab: LabStore, cmd: LabCommand) {
    if matches!(cmd, LabCommand::Reset(_) | LabCommand::Restore(_)) && !lab.own_sent.get_value() {
        send_own(lab);
    }
    if let Some(link) = worker_link() {
        link.send(Command::Order(Order::lab(lab.id, cmd)));
    }
}

/// Gives the worker the page's pictures for this lab's next models (none: it forgets them).
pub fn send_own(lab: LabStore) {
    let pixels = lab.own.with_untracked(|s| s.digits.clone());
    if let Some(link) = worker_link() {
        let cmd = LabCommand::SetOwnImages(OwnImages { pixels });
        link.send(Command::Order(Order::lab(lab.id, cmd)));
        lab.own_sent.set_value(true);
    }
}

/// A new model with `config`.
pub fn reset(lab: LabStore, config: LabConfig) {
    lab.config.set(config.clone());
    lab.status.set(LabStatus::Starting);
    lab.resume.set(false);
    super::saved_runs::new_model(lab.id);
    send(lab, LabCommand::Reset(config));
}

/// A chapter's lab runs only while the chapter is shown: arriving makes the model if there is
/// none and resumes a run that was interrupted by leaving; leaving pauses it. `reset` builds
/// the model from the current settings; `send` gets Run or Pause.
pub fn keep_alive(
    status: RwSignal<LabStatus>,
    resume: RwSignal<bool>,
    reset: impl Fn(),
    send: impl Fn(LabCommand) + Send + Sync + 'static,
) {
    match status.get_untracked() {
        LabStatus::Empty => {
            let interrupted = resume.get_untracked();
            reset();
            if interrupted {
                send(LabCommand::Run);
            }
        }
        LabStatus::Paused if resume.get_untracked() => {
            resume.set(false);
            send(LabCommand::Run);
        }
        _ => {}
    }
    on_cleanup(move || {
        if status.get_untracked() == LabStatus::Running {
            resume.set(true);
            send(LabCommand::Pause);
        }
    });
}

/// [`keep_alive`] for the autoencoder or VAE lab.
pub fn keep_alive_while_shown(lab: LabStore) {
    keep_alive(
        lab.status,
        lab.resume,
        move || super::saved_runs::start(super::saved_runs::Slot::Lab(lab)),
        move |cmd| send(lab, cmd),
    );
}

/// Start/pause, one step and reset for an autoencoder or VAE lab.
#[component]
pub fn RunBar(
    lab: LabStore,
    prefix: &'static str,
    /// The form's configuration, or `None` while a field is refused.
    form: Signal<Option<LabConfig>>,
) -> impl IntoView {
    view! {
        <RunButtons
            prefix=prefix
            status=lab.status.into()
            step=Signal::derive(move || lab.summary.with(|s| s.as_ref().map_or(0, |s| s.step)))
            pending=Signal::derive(move || form.get().is_some_and(|f| f != lab.config.get()) || own_images::stale(lab))
            form_ok=Signal::derive(move || form.get().is_some())
            on_command=Callback::new(move |cmd| send(lab, cmd))
            on_reset=Callback::new(move |()| {
                if let Some(config) = form.get_untracked() {
                    // Settings of the visitor's own end the refusals of the opening link.
                    lab.link_refused.set(Vec::new());
                    reset(lab, config);
                }
            })
        />
    }
}

/// Whether the figures' captions show their explanation, or only their titles: one choice for
/// every lab of the page, so that a teacher who folds them for a projector keeps them folded.
#[derive(Clone, Copy)]
pub struct Explained(pub RwSignal<bool>);

/// The page's [`Explained`].
pub fn use_explained() -> RwSignal<bool> {
    expect_context::<Explained>().0
}

/// Folds the figures' explanations to their titles, or unfolds them (id `{prefix}-explain`).
#[component]
pub fn ExplainToggle(prefix: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let shown = use_explained();
    view! {
        <button
            type="button"
            class="explain-toggle"
            aria-pressed=move || (!shown.get()).to_string()
            data-testid=format!("{prefix}-explain")
            on:click=move |_| shown.update(|s| *s = !*s)
        >
            {move || i18n.t(if shown.get() { Msg::FoldExplanations } else { Msg::ShowExplanations })}
        </button>
    }
}

/// The lab's compact bar (id `{prefix}-bar`), kept in view while the page scrolls: whether
/// it trains, the run buttons and the live numbers, as TensorFlow Playground keeps its play
/// button and epoch counter above every figure.
#[component]
pub fn LabBar(
    lab: LabStore,
    prefix: &'static str,
    form: Signal<Option<LabConfig>>,
) -> impl IntoView {
    view! {
        <div class="lab-bar" data-testid=format!("{prefix}-bar")>
            <LabState
                status=lab.status.into()
                prefix=prefix
                step=Signal::derive(move || lab.summary.with(|s| s.as_ref().map_or(0, |s| s.step)))
            />
            <RunBar lab=lab prefix=prefix form=form />
            <LiveNumbers lab=lab prefix=prefix />
            <ExplainToggle prefix=prefix />
        </div>
    }
}

/// Training, paused, not started…, as a word beside a coloured dot (id `{prefix}-state`).
/// While a run waits over a second for its next step (`step` has not moved), it says that it
/// is working, with a pulsing dot.
#[component]
pub fn LabState(
    status: Signal<LabStatus>,
    prefix: &'static str,
    /// Steps trained so far.
    step: Signal<u64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let overdue = step_overdue(
        step,
        Signal::derive(move || status.get() == LabStatus::Running),
    );
    let shown = move || status.get().shown(overdue.get());
    view! {
        <span class="lab-state" data-state=move || shown().0 data-testid=format!("{prefix}-state")>
            {move || i18n.t(shown().1)}
        </span>
    }
}

/// Whether `step` has stood still for [`WORKING_AFTER_MS`] while `watching`: one timer,
/// re-armed whenever the step moves, so nothing ticks on the page while steps are quick.
fn step_overdue(step: Signal<u64>, watching: Signal<bool>) -> Signal<bool> {
    let overdue = RwSignal::new(false);
    Effect::new(move |_| {
        step.track();
        overdue.set(false);
        if !watching.get() {
            return;
        }
        let timer = set_timeout_with_handle(
            move || {
                let _ = overdue.try_set(true);
            },
            std::time::Duration::from_millis(WORKING_AFTER_MS as u64),
        );
        if let Ok(timer) = timer {
            on_cleanup(move || timer.clear());
        }
    });
    overdue.into()
}

/// Start/pause, one step and reset, with ids `{prefix}-train`, `{prefix}-step` and
/// `{prefix}-reset`, for any lab: `on_command` gets Run, Pause or Step.
#[component]
pub fn RunButtons(
    prefix: &'static str,
    status: Signal<LabStatus>,
    /// Steps trained so far.
    step: Signal<u64>,
    /// The form differs from the model's settings.
    pending: Signal<bool>,
    /// No field of the form is refused.
    form_ok: Signal<bool>,
    on_command: Callback<LabCommand>,
    on_reset: Callback<()>,
    /// What a new model waits for; the MNIST labs' message by default.
    #[prop(optional)]
    starting: Option<Msg>,
    /// How far the worker has got preparing it, in words, once it says; replaces `starting`.
    #[prop(optional)]
    progress: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let starting = starting.unwrap_or(Msg::LabStarting);
    let enabled = move || run_buttons(status.get(), form_ok.get());
    let train_label = move || {
        i18n.t(match status.get() {
            LabStatus::Running => Msg::LabPause,
            _ if step.get() > 0 => Msg::LabResume,
            _ => Msg::LabStart,
        })
    };
    // Reset disables the buttons while the new model is built, which would drop keyboard focus
    // to the page: it waits on the progress line, and comes back to Reset once the model is
    // there (unless the visitor has moved on).
    let reset_button = NodeRef::<leptos::html::Button>::new();
    let starting_line = NodeRef::<leptos::html::P>::new();
    let refocus = StoredValue::new(false);
    // Focus is still ours to move: on `el`, or dropped to the page.
    let focus_left_on = |el: &web_sys::HtmlElement| {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .is_none_or(|a| {
                let a: &web_sys::Node = a.as_ref();
                a.is_same_node(Some(el.as_ref())) || a.node_name().eq_ignore_ascii_case("body")
            })
    };
    Effect::new(move |_| {
        let starting = status.get() == LabStatus::Starting;
        if !refocus.get_value() {
            return;
        }
        if starting {
            if let Some(line) = starting_line.get_untracked() {
                let _ = line.focus();
            }
        } else if let (Some(line), Some(button)) =
            (starting_line.get_untracked(), reset_button.get_untracked())
        {
            refocus.set_value(false);
            if focus_left_on(&line) {
                let _ = button.focus();
            }
        }
    });
    let on_train = move |_| {
        on_command.run(if status.get_untracked() == LabStatus::Running {
            LabCommand::Pause
        } else {
            LabCommand::Run
        })
    };
    view! {
        <div class="controls run-bar">
            <button
                type="button"
                class="primary"
                data-testid=format!("{prefix}-train")
                aria-pressed=move || (status.get() == LabStatus::Running).to_string()
                disabled=move || !enabled().train
                on:click=on_train
            >
                {train_label}
            </button>
            <button
                type="button"
                data-testid=format!("{prefix}-step")
                disabled=move || !enabled().step
                on:click=move |_| on_command.run(LabCommand::Step)
            >
                {move || i18n.t(Msg::LabStepOnce)}
            </button>
            <button
                type="button"
                data-testid=format!("{prefix}-reset")
                node_ref=reset_button
                class:attention=move || pending.get()
                disabled=move || !enabled().reset
                on:click=move |_| {
                    refocus.set_value(true);
                    on_reset.run(())
                }
            >
                {move || i18n.t(if pending.get() { Msg::LabApply } else { Msg::LabReset })}
            </button>
        </div>
        <p class="muted pending-note" data-testid=format!("{prefix}-pending") hidden=move || !pending.get()>
            {move || i18n.t(Msg::LabPending)}
        </p>
        <p
            class="muted progress-line"
            data-testid=format!("{prefix}-starting")
            node_ref=starting_line
            tabindex="-1"
            hidden=move || status.get() != LabStatus::Starting
        >
            {move || progress.and_then(|p| p.get()).unwrap_or_else(|| i18n.t(starting).to_string())}
            " "
            <DataProgress prefix=prefix />
        </p>
        <p class="muted" hidden=move || status.get() != LabStatus::Failed>
            {move || i18n.t(Msg::LabFailed)}
        </p>
    }
}

/// How much of the MNIST file has arrived (id `{prefix}-data-progress`), while it downloads.
#[component]
fn DataProgress(prefix: &'static str) -> impl IntoView {
    let link = use_worker();
    move || {
        let (received, total) = link.data_progress.get()?;
        Some(view! {
            <progress
                data-testid=format!("{prefix}-data-progress")
                max=total.max(1).to_string()
                value=received.to_string()
            ></progress>
            {if total > 0 {
                format!(" {} / {} MB", megabytes(received), megabytes(total))
            } else {
                format!(" {} MB", megabytes(received))
            }}
        })
    }
}

/// Step, test loss, throughput and size of the model, as ids `{prefix}-step-count`,
/// `{prefix}-test-loss` and `{prefix}-throughput`.
#[component]
pub fn LiveNumbers(lab: LabStore, prefix: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let summary = move || lab.summary.get();
    let step = move || group_thousands(summary().map_or(0, |s| s.step));
    let test = move || summary().map_or("–".into(), |s| format_loss(s.test.total));
    let speed = move || {
        summary().map_or("–".into(), |s| {
            if s.samples_per_sec > 0.0 {
                group_thousands(s.samples_per_sec.round() as u64)
            } else {
                "–".into()
            }
        })
    };
    let params = move || {
        lab.setup
            .get()
            .map_or("–".into(), |s| group_thousands(s.params))
    };
    let running = move || lab.status.get() == LabStatus::Running;
    let sentence = Signal::derive(move || match summary() {
        Some(s) if speaks(running(), s.running, s.step) => lab_sentence(
            &|m| i18n.t(m),
            running(),
            s.step,
            &[(Msg::LabTestLoss, format_loss(s.test.total))],
        ),
        _ => String::new(),
    });
    view! {
        <Announce text=sentence urgent=Signal::derive(move || !running()) testid=format!("{prefix}-announce") />
        <dl class="live-numbers">
            <div>
                <dt>{move || i18n.t(Msg::LabStep)}</dt>
                // The last summary's training loss exactly (shortest round-trip form), for a
                // test that two pages opened on one link train alike.
                <dd
                    data-testid=format!("{prefix}-step-count")
                    data-train-loss=move || summary().and_then(|s| s.train).map(|t| t.total.to_string())
                >
                    {step}
                </dd>
            </div>
            <div>
                <dt>{move || i18n.t(Msg::LabTestLoss)}</dt>
                <dd data-testid=format!("{prefix}-test-loss")>{test}</dd>
            </div>
            <div>
                <dt>{move || i18n.t(Msg::LabThroughput)}</dt>
                <dd data-testid=format!("{prefix}-throughput")>{speed}</dd>
            </div>
            <div>
                <dt>{move || i18n.t(Msg::LabParams)}</dt>
                <dd data-testid=format!("{prefix}-params")>{params}</dd>
            </div>
        </dl>
    }
}

/// The two curves of a loss chart: training batches and the held-out set, in the labs' colours.
pub fn train_test_series(
    train_label: String,
    train: Vec<(f64, f64)>,
    test_label: String,
    test: Vec<(f64, f64)>,
) -> Vec<Series> {
    vec![
        Series {
            label: train_label,
            color: TRAIN,
            points: train,
            dashed: false,
        },
        Series {
            label: test_label,
            color: HELD_OUT,
            points: test,
            dashed: false,
        },
    ]
}

/// What happened and what to try, when a run diverged (id `{prefix}-diverged`).
#[component]
pub fn DivergedNotice(lab: LabStore, prefix: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let notice = diverged_notice(lab.status.get())?;
        let what = notice.what;
        Some(view! {
            <div class="notice bad" role="alert" data-testid=format!("{prefix}-diverged")>
                <strong>{move || i18n.t(Msg::LabDivergedTitle)}</strong>
                <p>{move || i18n.t(what)}</p>
                <p>
                    {move || fill(i18n.t(Msg::LabDivergedAt), &[("step", &group_thousands(notice.step))])}
                    {notice.detail}
                </p>
                <p>{move || i18n.t(Msg::LabDivergedTry)}</p>
            </div>
        })
    }
}

/// Sums up the characters a model's vocabulary lacks in one line, each distinct one named once.
pub fn unknown_chars_text(i18n: I18n, chars: &[(u32, char)]) -> String {
    typed_input::unknown_text(i18n.lang.get(), &typed_input::distinct(chars))
}

/// A figure's caption: its title in bold, then what it shows.
#[component]
pub fn Caption(title: Msg, caption: Msg) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <figcaption>
            <strong>{move || i18n.t(title)}</strong>
            " "
            {move || i18n.t(caption)}
        </figcaption>
    }
}
