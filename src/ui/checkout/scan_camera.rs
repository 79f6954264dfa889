use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::Text;
use crate::scan::camera::{next_camera, video_inputs, Camera, Torch};
use crate::scan::decoder::Decoder;
use crate::scan::frames::FrameLoop;
use crate::scan::problem::ScanProblem;
use crate::ui::locale::Locale;
use crate::web::document;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CameraStatus {
    Starting,
    Live,
    /// Turned off while the page is hidden; back on when it shows again.
    Paused,
    Failed,
}

/// The live preview with its aiming frame; every frame it shows is offered
/// to the decoder. The camera is on only while this view is on screen.
#[component]
pub fn CameraView(
    decoder: StoredValue<Decoder, LocalStorage>,
    on_problem: Callback<ScanProblem>,
    /// What to hold up to the camera; the customer's QR code by default.
    #[prop(optional)]
    aim: Option<Text>,
) -> impl IntoView {
    let aim = aim.unwrap_or(Text::ScanAim);
    let locale = Locale::get();
    let video = NodeRef::<leptos::html::Video>::new();
    let status = RwSignal::new(CameraStatus::Starting);
    let camera = StoredValue::new_local(None::<Camera>);
    let frames = StoredValue::new_local(None::<FrameLoop>);
    let torch = StoredValue::new_local(None::<Torch>);
    let torch_on = RwSignal::new(None::<bool>);
    let can_switch = RwSignal::new(false);
    // Bumped on every start and stop, so a camera that opens late for an
    // attempt already given up is dropped (and so turned off) at once.
    let attempt = StoredValue::new(0u32);

    let stop = move || {
        attempt.update_value(|n| *n = n.wrapping_add(1));
        frames.set_value(None);
        torch.set_value(None);
        camera.set_value(None);
        torch_on.set(None);
    };
    let start = move |device: Option<String>| {
        stop();
        status.set(CameraStatus::Starting);
        let this_attempt = attempt.get_value();
        spawn_local(async move {
            let opened = Camera::open(device.as_deref()).await;
            if attempt.try_get_value() != Some(this_attempt) {
                return;
            }
            let (opened, element) = match (opened, video.get_untracked()) {
                (Ok(opened), Some(element)) => (opened, element),
                (Err(problem), _) => {
                    status.set(CameraStatus::Failed);
                    return on_problem.run(problem);
                }
                (Ok(_), None) => return,
            };
            element.set_src_object(Some(opened.stream()));
            let _ = element.play();
            let light = opened.torch();
            torch_on.set(light.as_ref().map(|_| false));
            torch.set_value(light);
            camera.set_value(Some(opened));
            let source = element.clone();
            frames.set_value(Some(FrameLoop::start(element, move || {
                decoder.try_with_value(|decoder| decoder.offer_camera_frame(&source));
            })));
            status.set(CameraStatus::Live);
            can_switch.set(video_inputs().await.len() > 1);
        });
    };
    video.on_load(move |_| start(None));

    let visibility = window_event_listener(leptos::ev::visibilitychange, move |_| {
        let shown = status.get_untracked();
        if document::hidden() && matches!(shown, CameraStatus::Live | CameraStatus::Starting) {
            stop();
            status.set(CameraStatus::Paused);
        } else if !document::hidden() && shown == CameraStatus::Paused {
            start(None);
        }
    });
    on_cleanup(move || visibility.remove());

    let switch = move |_| {
        let current = camera
            .try_with_value(|camera| camera.as_ref().and_then(Camera::device_id))
            .flatten();
        spawn_local(async move {
            if let Some(next) = next_camera(current).await {
                start(Some(next));
            }
        });
    };
    let toggle_light = move |_| {
        let (Some(on), Some(Some(light))) = (torch_on.get_untracked(), torch.try_get_value())
        else {
            return;
        };
        spawn_local(async move {
            if light.set(!on).await {
                torch_on.set(Some(!on));
            }
        });
    };

    view! {
        <Show when=move || status.get() != CameraStatus::Failed>
            <div class="scanner">
                <video
                    node_ref=video
                    data-testid="scan-video"
                    autoplay=true
                    muted=true
                    prop:muted=true
                    playsinline=true
                ></video>
                <div class="scanner-aim" aria-hidden="true"></div>
                <p class="scanner-hint" role="status">
                    {move || match status.get() {
                        CameraStatus::Live => locale.t(aim),
                        _ => locale.t(Text::ScanStarting),
                    }}
                </p>
                <div class="scanner-tools">
                    <Show when=move || can_switch.get()>
                        <button type="button" class="ghost" data-testid="scan-switch-camera" on:click=switch>
                            {move || locale.t(Text::ScanSwitchCamera)}
                        </button>
                    </Show>
                    <Show when=move || torch_on.get().is_some()>
                        <button type="button" class="ghost" data-testid="scan-torch" on:click=toggle_light
                            aria-pressed=move || torch_on.get().unwrap_or(false).to_string()>
                            {move || match torch_on.get() {
                                Some(true) => locale.t(Text::ScanTorchOff),
                                _ => locale.t(Text::ScanTorchOn),
                            }}
                        </button>
                    </Show>
                </div>
            </div>
        </Show>
    }
}
