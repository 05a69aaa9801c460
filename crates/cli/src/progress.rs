//! The batch progress bar: on a terminal only, and not with --json, --quiet or --no-progress.

use imagekit_core::bulk::batch::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

pub struct Bar {
    bar: Option<ProgressBar>,
}

impl Bar {
    pub fn new(ctx: &crate::context::Context, files: u64, bytes: u64) -> Bar {
        let show = !ctx.no_progress && !ctx.out.json && !ctx.out.quiet && std::io::stderr().is_terminal() && files > 0;
        if !show {
            return Bar { bar: None };
        }
        let bar = ProgressBar::with_draw_target(Some(bytes), ProgressDrawTarget::stderr());
        let template = if ctx.out.color() {
            "{bar:30.cyan/blue} {bytes}/{total_bytes} {bytes_per_sec} {msg}"
        } else {
            "{bar:30} {bytes}/{total_bytes} {bytes_per_sec} {msg}"
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        Bar { bar: Some(bar) }
    }

    pub fn update(&self, p: &Progress<'_>) {
        if let Some(bar) = &self.bar {
            bar.set_position(p.bytes_sent);
            bar.set_message(format!("{}/{} files  {}", p.files_done, p.files_total, p.current));
        }
    }

    /// Prints a line without tearing the bar.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
