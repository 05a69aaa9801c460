//! `imagekit`: a command-line client for ImageKit.io on the libimagekit core.

mod cli;
mod context;
mod devserver;
mod files;
mod interrupt;
mod misc;
mod output;
mod progress;
mod sync;
mod transfer;
mod upload;
mod walk;

use clap::{CommandFactory, FromArgMatches};
use cli::{Cli, Command};
use context::Context;
use output::{Exit, Failure};

fn main() {
    let matches = match Cli::command().try_get_matches() {
        Ok(m) => m,
        Err(e) => {
            let code = if e.use_stderr() { Exit::Usage } else { Exit::Ok };
            let _ = e.print();
            std::process::exit(code as i32);
        }
    };
    let key_on_command_line = matches!(
        matches.value_source("private_key"),
        Some(clap::parser::ValueSource::CommandLine)
    );
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            std::process::exit(Exit::Usage as i32);
        }
    };
    let ctx = Context::new(cli.global);
    if key_on_command_line {
        ctx.out.warn("a private key given with --private-key is visible to other users in the process list; set IMAGEKIT_PRIVATE_KEY instead");
    }
    let result = run(&ctx, cli.command);
    let code = match result {
        Ok(exit) => exit,
        Err(f) => {
            ctx.out.error(&f.message);
            f.exit
        }
    };
    std::process::exit(code as i32);
}

fn run(ctx: &Context, command: Command) -> Result<Exit, Failure> {
    match command {
        Command::Url(a) => misc::url(ctx, a),
        Command::Upload(a) => upload::run(ctx, a),
        Command::Sync(a) => sync::run(ctx, a),
        Command::Ls(a) => files::ls(ctx, a),
        Command::Search(a) => files::search(ctx, a),
        Command::Rm(a) => files::rm(ctx, a),
        Command::Mv(a) => files::mv(ctx, a),
        Command::Cp(a) => files::cp(ctx, a),
        Command::Purge(a) => files::purge(ctx, a),
        Command::Auth(a) => misc::auth(ctx, a),
        Command::Token(a) => misc::token(ctx, a),
        Command::Webhook(cli::WebhookCommand::Verify(a)) => misc::webhook_verify(ctx, a),
        Command::Usage(a) => misc::usage(ctx, a),
        Command::Api(a) => misc::api(ctx, a),
        Command::DevServer(a) => devserver::run(ctx, a),
    }
}
