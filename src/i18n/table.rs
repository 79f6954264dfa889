//! Every cashier-facing sentence, in English, Russian and Uzbek.

macro_rules! texts {
    ($($key:ident => [$en:expr, $ru:expr, $uz:expr $(,)?],)*) => {
        /// A cashier-facing sentence.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Text { $($key,)* }

        impl Text {
            /// Every key, so tests can prove that none lacks a translation.
            pub const ALL: &'static [Text] = &[$(Text::$key,)*];

            pub(super) fn table(self) -> [&'static str; 3] {
                match self { $(Text::$key => [$en, $ru, $uz],)* }
            }
        }
    };
}

texts! {
    AppName => ["Kassa", "Касса", "Kassa"],
    Language => ["Language", "Язык", "Til"],
    Close => ["Close", "Закрыть", "Yopish"],
    Cancel => ["Cancel", "Отмена", "Bekor qilish"],

    LoginTitle => ["Open shift", "Открыть смену", "Smenani ochish"],
    LoginSubtitle => [
        "Connect this till to your loyalty server",
        "Подключите кассу к серверу лояльности",
        "Kassani sodiqlik serveriga ulang",
    ],
    LoginBaseUrl => ["Loyalty server address", "Адрес сервера лояльности", "Sodiqlik serveri manzili"],
    LoginBranchToken => ["Branch token", "Токен филиала", "Filial tokeni"],
    LoginCashier => ["Cashier", "Кассир", "Kassir"],
    LoginOpeningCash => ["Cash in drawer", "Наличные в кассе", "Kassadagi naqd pul"],
    LoginSubmit => ["Open shift", "Открыть смену", "Smenani ochish"],
    LoginDemo => ["Try the demo", "Демо-режим", "Demo rejim"],
    LoginDemoHint => [
        "No server needed: sample customers and products",
        "Без сервера: тестовые покупатели и товары",
        "Serversiz: namunaviy xaridorlar va mahsulotlar",
    ],
    DemoCashier => ["Demo cashier", "Демо-кассир", "Demo kassir"],
    DemoBadge => ["Demo", "Демо", "Demo"],

    ItemBarcode => ["Scan or type a barcode", "Сканируйте или введите штрихкод", "Shtrix-kodni skanerlang yoki kiriting"],
    ItemAddManual => ["Add item", "Добавить товар", "Mahsulot qo‘shish"],
    ItemEditTitle => ["Edit item", "Изменить товар", "Mahsulotni tahrirlash"],
    ItemName => ["Name", "Название", "Nomi"],
    ItemPrice => ["Price (VAT incl.)", "Цена (с НДС)", "Narx (QQS bilan)"],
    ItemQty => ["Quantity", "Количество", "Miqdor"],
    ItemVatPercent => ["VAT %", "НДС %", "QQS %"],
    ItemDiscount => ["Discount", "Скидка", "Chegirma"],
    ItemClassCode => ["IKPU class code", "Код ИКПУ", "MXIK kodi"],
    ItemSave => ["Save", "Сохранить", "Saqlash"],

    CartEmpty => [
        "Scan a product to start the receipt",
        "Отсканируйте товар, чтобы начать чек",
        "Chekni boshlash uchun mahsulotni skanerlang",
    ],
    LineRemove => ["Remove", "Удалить", "O‘chirish"],
    LineEdit => ["Edit", "Изменить", "Tahrirlash"],
    LineMore => ["One more", "Ещё один", "Yana bitta"],
    LineLess => ["One less", "На один меньше", "Bittaga kam"],
    LineDiscountShort => ["discount", "скидка", "chegirma"],

    TotalBeforeBonus => ["Total", "Итого", "Jami"],
    VatTotal => ["incl. VAT", "в т. ч. НДС", "shu jumladan QQS"],
    BonusApplied => ["Cashback spent", "Списано кэшбэка", "Sarflangan keshbek"],
    TotalDue => ["To pay", "К оплате", "To‘lovga"],
    // The spellings on Uzbek receipts and price tags; the ASCII apostrophe
    // prints on every thermal printer's code page.
    Currency => ["UZS", "сум", "so'm"],

    CustomerTitle => ["Customer", "Покупатель", "Xaridor"],
    ScanOpen => ["Scan customer QR", "Сканировать QR покупателя", "Xaridor QR kodini skanerlash"],
    ScanTitle => ["Customer's QR code", "QR-код покупателя", "Xaridorning QR kodi"],
    ScanManualHint => [
        "Type or paste the code from the customer's app",
        "Введите или вставьте код из приложения покупателя",
        "Xaridor ilovasidagi kodni kiriting yoki joylashtiring",
    ],
    ScanManualSubmit => ["Find customer", "Найти покупателя", "Xaridorni topish"],
    ScanCaughtInForm => [
        "A barcode was scanned into this form; it was taken out again. Close the form to add the product.",
        "Штрихкод попал в поле этой формы и был удалён. Закройте окно, чтобы добавить товар.",
        "Shtrix-kod bu shakl maydoniga tushdi va olib tashlandi. Mahsulot qo‘shish uchun oynani yoping.",
    ],
    ScanStarting => ["Starting the camera…", "Включаем камеру…", "Kamera yoqilmoqda…"],
    ScanAim => [
        "Point the camera at the QR code in the customer's app",
        "Наведите камеру на QR-код в приложении покупателя",
        "Kamerani xaridor ilovasidagi QR kodga qarating",
    ],
    ScanSwitchCamera => ["Switch camera", "Сменить камеру", "Kamerani almashtirish"],
    ScanTorchOn => ["Light on", "Включить подсветку", "Chiroqni yoqish"],
    ScanTorchOff => ["Light off", "Выключить подсветку", "Chiroqni o‘chirish"],
    ScanFromPhoto => ["Scan from photo", "Сканировать с фото", "Rasmdan skanerlash"],
    ScanReadingPhoto => ["Reading the photo…", "Читаем фото…", "Rasm o‘qilmoqda…"],
    CustomerBalance => ["Cashback balance", "Баланс кэшбэка", "Keshbek balansi"],
    CustomerPercent => ["Cashback rate", "Процент кэшбэка", "Keshbek foizi"],
    CustomerClear => ["Remove customer", "Убрать покупателя", "Xaridorni olib tashlash"],
    CustomerLoading => ["Looking up the customer…", "Ищем покупателя…", "Xaridor qidirilmoqda…"],
    NoCustomer => [
        "No loyalty customer on this receipt",
        "В чеке нет покупателя программы лояльности",
        "Chekda sodiqlik dasturi xaridori yo‘q",
    ],

    BonusOpen => ["Spend cashback", "Списать кэшбэк", "Keshbekni sarflash"],
    BonusTitle => ["Spend cashback", "Списание кэшбэка", "Keshbekni sarflash"],
    BonusAmount => ["Amount to spend", "Сумма списания", "Sarflanadigan summa"],
    BonusMax => ["Maximum", "Максимум", "Maksimal"],
    BonusApply => ["Apply", "Применить", "Qo‘llash"],
    BonusRemove => ["Don't spend", "Не списывать", "Sarflamaslik"],
    BonusAvailable => ["Available", "Доступно", "Mavjud"],
    EarnedPreview => ["Cashback to earn", "Будет начислено", "Qo‘shiladigan keshbek"],

    PayOpen => ["Payment", "Оплата", "To‘lov"],
    PayTitle => ["Payment", "Оплата", "To‘lov"],
    PayCash => ["Cash received", "Получено наличными", "Naqd olingan"],
    PayCard => ["By card", "Картой", "Karta bilan"],
    PayAllCash => ["All cash", "Всё наличными", "Hammasi naqd"],
    PayAllCard => ["All by card", "Всё картой", "Hammasi karta bilan"],
    PayChange => ["Change", "Сдача", "Qaytim"],
    PaySubmit => ["Complete sale", "Провести продажу", "Sotuvni yakunlash"],
    PayNothingDue => [
        "Fully paid with cashback: nothing to pay",
        "Полностью оплачено кэшбэком: к оплате ничего",
        "Keshbek bilan to‘liq to‘langan: to‘lov kerak emas",
    ],

    SaleResultTitle => ["Sale completed", "Продажа проведена", "Sotuv yakunlandi"],
    StatusSent => ["Sent to the loyalty server", "Отправлено на сервер лояльности", "Sodiqlik serveriga yuborildi"],
    StatusRecorded => [
        "Recorded (no loyalty customer)",
        "Сохранено (без покупателя программы)",
        "Saqlandi (sodiqlik xaridorisiz)",
    ],
    ReceiptNumber => ["Receipt", "Чек", "Chek"],
    BonusEarned => ["Cashback earned", "Начислено кэшбэка", "Qo‘shilgan keshbek"],
    NewBalance => ["New balance", "Новый баланс", "Yangi balans"],
    SaleNew => ["Next customer", "Следующий покупатель", "Keyingi xaridor"],

    ErrMissingBaseUrl => [
        "Enter the loyalty server address",
        "Укажите адрес сервера лояльности",
        "Sodiqlik serveri manzilini kiriting",
    ],
    ErrInsecureBaseUrl => [
        "The server address must start with https:// (http:// only for localhost)",
        "Адрес сервера должен начинаться с https:// (http:// только для localhost)",
        "Server manzili https:// bilan boshlanishi kerak (http:// faqat localhost uchun)",
    ],
    ErrMissingBranchToken => ["Enter the branch token", "Укажите токен филиала", "Filial tokenini kiriting"],
    ErrMissingCashier => ["Enter the cashier's name", "Укажите имя кассира", "Kassir ismini kiriting"],
    ErrMissingOpeningCash => [
        "Enter the cash in the drawer (0 if empty)",
        "Укажите сумму наличных в кассе (0, если пусто)",
        "Kassadagi naqd pulni kiriting (bo‘sh bo‘lsa 0)",
    ],
    ErrOpeningCash => [
        "The cash in the drawer is not a valid amount",
        "Сумма наличных в кассе указана неверно",
        "Kassadagi naqd pul summasi noto‘g‘ri",
    ],

    ErrEmpty => ["Enter a value", "Введите значение", "Qiymatni kiriting"],
    ErrNotANumber => ["Enter a number, e.g. 12 500,50", "Введите число, например 12 500,50", "Raqam kiriting, masalan 12 500,50"],
    ErrExponent => ["Write the number out in full", "Запишите число полностью", "Raqamni to‘liq yozing"],
    ErrNegative => ["Negative amounts are not allowed", "Отрицательные суммы недопустимы", "Manfiy summalarga ruxsat yo‘q"],
    ErrZero => ["Must be more than zero", "Должно быть больше нуля", "Noldan katta bo‘lishi kerak"],
    ErrTooPreciseMoney => ["At most 2 decimal places (tiyin)", "Не более 2 знаков после запятой (тийин)", "Verguldan keyin ko‘pi bilan 2 ta raqam (tiyin)"],
    ErrTooPreciseQty => ["At most 3 decimal places", "Не более 3 знаков после запятой", "Verguldan keyin ko‘pi bilan 3 ta raqam"],
    ErrTooLarge => ["This number is too large", "Слишком большое число", "Bu raqam juda katta"],

    ErrItemName => ["Enter the item name", "Укажите название товара", "Mahsulot nomini kiriting"],
    ErrDiscountExceedsLine => [
        "The discount is larger than the line amount",
        "Скидка больше суммы строки",
        "Chegirma qator summasidan katta",
    ],
    ErrVatPercent => ["VAT must be a whole percent from 0 to 100", "НДС — целое число процентов от 0 до 100", "QQS 0 dan 100 gacha butun foiz bo‘lishi kerak"],
    ErrClassCode => ["The IKPU code has 17 digits", "Код ИКПУ состоит из 17 цифр", "MXIK kodi 17 ta raqamdan iborat"],
    ErrCommissionTin => ["TIN has 9 digits, PINFL 14", "ИНН — 9 цифр, ПИНФЛ — 14", "STIR 9 ta, JShShIR 14 ta raqam"],
    ErrUnknownBarcode => [
        "No product with this barcode: add it by hand",
        "Товар с таким штрихкодом не найден: добавьте вручную",
        "Bunday shtrix-kodli mahsulot topilmadi: qo‘lda qo‘shing",
    ],
    ErrCatalogUnavailable => [
        "The product catalog could not be loaded: add items by hand",
        "Не удалось загрузить каталог: добавляйте товары вручную",
        "Katalogni yuklab bo‘lmadi: mahsulotlarni qo‘lda qo‘shing",
    ],

    ErrNoCustomer => [
        "Scan the customer's QR code first",
        "Сначала отсканируйте QR-код покупателя",
        "Avval xaridorning QR kodini skanerlang",
    ],
    ErrOverBalance => [
        "More than the customer's cashback balance",
        "Больше, чем баланс кэшбэка покупателя",
        "Xaridorning keshbek balansidan ko‘p",
    ],
    ErrOverTotal => ["More than the receipt total", "Больше суммы чека", "Chek summasidan ko‘p"],
    ErrCardExceedsDue => [
        "The card amount is more than is due",
        "Сумма по карте больше суммы к оплате",
        "Karta summasi to‘lov summasidan ko‘p",
    ],
    ErrInsufficient => ["Not enough money received", "Получено недостаточно денег", "Yetarli pul olinmadi"],
    ErrEmptyReceipt => ["The receipt has no items", "В чеке нет товаров", "Chekda mahsulot yo‘q"],
    ErrUnbalanced => [
        "The payments do not match the amount due",
        "Оплата не совпадает с суммой к оплате",
        "To‘lov summasi to‘lanadigan summaga mos emas",
    ],
    ErrNotACustomerCode => [
        "This QR code is not an AOS customer code",
        "Этот QR-код — не код покупателя AOS",
        "Bu QR kod AOS xaridor kodi emas",
    ],
    ErrCameraInsecure => [
        "The camera only works on a secure page (https or localhost): type the code below",
        "Камера работает только на защищённой странице (https или localhost): введите код ниже",
        "Kamera faqat xavfsiz sahifada ishlaydi (https yoki localhost): kodni pastda kiriting",
    ],
    ErrCameraDenied => [
        "Camera access was refused: allow it in the browser settings, or type the code below",
        "Доступ к камере запрещён: разрешите его в настройках браузера или введите код ниже",
        "Kameraga ruxsat berilmadi: brauzer sozlamalarida ruxsat bering yoki kodni pastda kiriting",
    ],
    ErrNoCamera => [
        "No camera found: type the code below or scan from a photo",
        "Камера не найдена: введите код ниже или сканируйте с фото",
        "Kamera topilmadi: kodni pastda kiriting yoki rasmdan skanerlang",
    ],
    ErrCameraBusy => [
        "The camera is used by another app: close it, or type the code below",
        "Камера занята другим приложением: закройте его или введите код ниже",
        "Kamera boshqa ilova tomonidan band: uni yoping yoki kodni pastda kiriting",
    ],
    ErrCameraFailed => [
        "The camera could not start: type the code below",
        "Не удалось включить камеру: введите код ниже",
        "Kamerani yoqib bo‘lmadi: kodni pastda kiriting",
    ],
    ErrPhotoUnreadable => [
        "This file is not a picture the browser can open",
        "Этот файл — не изображение, которое может открыть браузер",
        "Bu fayl brauzer ocha oladigan rasm emas",
    ],
    ErrNoCodeInPhoto => [
        "No QR code found in this photo",
        "На этом фото не найден QR-код",
        "Bu rasmda QR kod topilmadi",
    ],
    ErrDecoderUnavailable => [
        "The QR reader could not start: reload the page, or type the code below",
        "Не удалось запустить чтение QR: перезагрузите страницу или введите код ниже",
        "QR o‘qigich ishga tushmadi: sahifani yangilang yoki kodni pastda kiriting",
    ],
    ErrTokenRejected => [
        "The loyalty server rejected the branch token: log in again",
        "Сервер лояльности отклонил токен филиала: войдите заново",
        "Sodiqlik serveri filial tokenini rad etdi: qaytadan kiring",
    ],
    ErrCustomerNotFound => [
        "Customer not found — ask the customer to refresh the QR code in the app",
        "Покупатель не найден — попросите обновить QR-код в приложении",
        "Xaridor topilmadi — ilovada QR kodni yangilashni so‘rang",
    ],
    ErrRejected => [
        "The loyalty server refused the sale",
        "Сервер лояльности отклонил продажу",
        "Sodiqlik serveri sotuvni rad etdi",
    ],
    ErrConflict => [
        "This receipt number is already used by another receipt",
        "Этот номер чека уже занят другим чеком",
        "Bu chek raqami boshqa chekda ishlatilgan",
    ],
    ErrUnreachable => [
        "The loyalty server cannot be reached",
        "Сервер лояльности недоступен",
        "Sodiqlik serveriga ulanib bo‘lmadi",
    ],
    ErrUnexpectedAnswer => [
        "Unexpected answer from the loyalty server",
        "Неожиданный ответ сервера лояльности",
        "Sodiqlik serveridan kutilmagan javob",
    ],
    StatusQueued => [
        "Saved; will be sent when the server is reachable",
        "Сохранено; будет отправлено, когда сервер станет доступен",
        "Saqlandi; server ishlaganda yuboriladi",
    ],
    StatusRejected => [
        "Refused by the loyalty server: correct the sale and complete it again",
        "Отклонено сервером лояльности: исправьте продажу и проведите снова",
        "Sodiqlik serveri rad etdi: sotuvni tuzating va qayta yakunlang",
    ],
    BackToReceipt => ["Back to the receipt", "Вернуться к чеку", "Chekka qaytish"],
    DemoCustomers => ["Demo customers", "Демо-покупатели", "Demo xaridorlar"],
    Relogin => ["Log in again", "Войти заново", "Qaytadan kirish"],
    OutboxPending => ["Receipts waiting to be sent", "Чеки, ожидающие отправки", "Yuborilishi kutilayotgan cheklar"],
    ErrStorageUnavailable => [
        "This browser does not let Kassa keep sales safely (storage is blocked). Leave private mode or allow site data.",
        "Браузер не позволяет Кассе надёжно сохранять продажи (хранилище заблокировано). Выйдите из приватного режима или разрешите данные сайта.",
        "Brauzer Kassaga sotuvlarni ishonchli saqlashga ruxsat bermayapti (xotira bloklangan). Maxfiy rejimdan chiqing yoki sayt ma’lumotlariga ruxsat bering.",
    ],
    ErrCashbackNeedsServer => [
        "Spending cashback needs the loyalty server, which cannot be reached now. Remove the cashback to sell offline.",
        "Для списания кэшбэка нужен сервер лояльности, а он сейчас недоступен. Уберите списание, чтобы продать офлайн.",
        "Keshbekni sarflash uchun sodiqlik serveri kerak, u hozir ishlamayapti. Oflayn sotish uchun keshbekni olib tashlang.",
    ],
    ReceiptPrint => ["Print receipt", "Печать чека", "Chekni chop etish"],
    ReceiptPaper => ["Paper width", "Ширина ленты", "Lenta kengligi"],
    Millimetres => ["mm", "мм", "mm"],
    ReceiptTill => ["Till", "Касса", "Kassa"],
    ReceiptDate => ["Date", "Дата", "Sana"],
    ReceiptVatAt => ["VAT", "НДС", "QQS"],
    ReceiptPending => ["pending", "ожидает", "kutilmoqda"],
    TenderCash => ["Cash", "Наличные", "Naqd"],
    TenderCard => ["Card", "Карта", "Karta"],
    ReceiptThanks => ["Thank you for your purchase!", "Спасибо за покупку!", "Xaridingiz uchun rahmat!"],
    ReportX => ["X report", "X-отчёт", "X-hisobot"],
    ShiftClose => ["Close shift", "Закрыть смену", "Smenani yopish"],
    ReportSales => ["Sales", "Продажи", "Sotuvlar"],
    ReportCash => ["Cash payments", "Оплата наличными", "Naqd to‘lovlar"],
    ReportCard => ["Card payments", "Оплата картой", "Karta to‘lovlari"],
    ReportCashbackEarned => ["Cashback earned", "Начислено кэшбэка", "Qo‘shilgan keshbek"],
    ReportOpeningCash => ["Opening cash", "Наличные на начало", "Boshlang‘ich naqd pul"],
    ReportExpectedCash => ["Expected cash in drawer", "Ожидается в кассе", "Kassada bo‘lishi kerak"],
    ReportCounted => ["Counted cash", "Пересчитано наличных", "Sanalgan naqd pul"],
    ReportSurplus => ["Surplus", "Излишек", "Ortiqcha"],
    ReportShortage => ["Shortage", "Недостача", "Kamomad"],
    ReportExact => ["Cash matches", "Наличные сходятся", "Naqd pul mos"],
    ReportCloseConfirm => ["Close the shift", "Закрыть смену", "Smenani yopish"],
    ReportPendingWarning => [
        "Some receipts are not confirmed by the loyalty server yet; they stay queued and are sent in the next shift.",
        "Часть чеков ещё не подтверждена сервером лояльности; они останутся в очереди и уйдут в следующей смене.",
        "Ba’zi cheklar hali sodiqlik serveri tomonidan tasdiqlanmagan; ular navbatda qoladi va keyingi smenada yuboriladi.",
    ],
    ReportZTitle => ["Z report — shift closed", "Z-отчёт — смена закрыта", "Z-hisobot — smena yopildi"],
    CashIn => ["Cash in", "Внесение", "Kirim"],
    CashOut => ["Cash out", "Изъятие", "Chiqim"],
    CashAmount => ["Amount", "Сумма", "Summa"],
    CashReason => ["Reason", "Причина", "Sabab"],
    CashRecord => ["Record", "Провести", "Qayd etish"],
    ErrCashReason => ["Give a reason", "Укажите причину", "Sababini kiriting"],
    ErrCashZero => ["Enter an amount", "Укажите сумму", "Summani kiriting"],
    ErrCashExceedsDrawer => [
        "More than the cash in the drawer",
        "Больше, чем наличных в кассе",
        "Kassadagi naqd puldan ko‘p",
    ],

    // updates
    UpdateReady => [
        "A new version of Kassa is ready.",
        "Готова новая версия Кассы.",
        "Kassaning yangi versiyasi tayyor.",
    ],
    UpdateReload => ["Update now", "Обновить", "Yangilash"],
    UpdateAfterSale => [
        "Finish the sale first: the update waits for an empty receipt.",
        "Сначала завершите продажу: обновление дождётся пустого чека.",
        "Avval sotuvni yakunlang: yangilanish bo‘sh chekni kutadi.",
    ],

    // theme
    ThemeDark => ["Dark theme", "Тёмная тема", "Qorong‘i mavzu"],

    // printer, drawer, customer display
    PrinterTitle => ["Receipt printer", "Принтер чеков", "Chek printeri"],
    PrinterConnectUsb => ["Connect USB printer", "Подключить USB-принтер", "USB printerni ulash"],
    PrinterConnectSerial => ["Connect serial printer", "Подключить COM-принтер", "COM printerni ulash"],
    PrinterTest => ["Print test page", "Пробная печать", "Sinov sahifasini chop etish"],
    PrinterStatusNone => ["No printer: receipts go to the print dialog", "Принтер не подключён: чеки через окно печати", "Printer ulanmagan: cheklar chop etish oynasi orqali"],
    PrinterStatusReady => ["Printer ready", "Принтер готов", "Printer tayyor"],
    PrinterStatusError => ["Printer error", "Ошибка принтера", "Printer xatosi"],
    PrinterUnsupported => [
        "This browser cannot reach a printer directly (no WebUSB or Web Serial): receipts go through the print dialog. Use Chrome or Edge to print without it.",
        "Этот браузер не умеет работать с принтером напрямую (нет WebUSB и Web Serial): чеки печатаются через окно печати. Для печати без него используйте Chrome или Edge.",
        "Bu brauzer printerga to‘g‘ridan-to‘g‘ri ulana olmaydi (WebUSB va Web Serial yo‘q): cheklar chop etish oynasi orqali chiqadi. Usiz chop etish uchun Chrome yoki Edge dan foydalaning.",
    ],
    PrinterCodePage => ["Cyrillic code page", "Кодовая страница кириллицы", "Kirill kod sahifasi"],
    PrinterTestTitle => ["Printer test", "Проверка принтера", "Printerni tekshirish"],
    PrinterTestColumns => ["columns", "символов в строке", "satrdagi belgilar"],
    ReceiptCopy => ["COPY", "КОПИЯ", "NUSXA"],
    ErrPrinterOpen => [
        "The printer could not be opened: is it on, and not used by another program?",
        "Не удалось открыть принтер: он включён и не занят другой программой?",
        "Printerni ochib bo‘lmadi: u yoqilganmi va boshqa dastur band qilmaganmi?",
    ],
    ErrPrinterWrite => [
        "The printer did not take the receipt (off, out of paper or unplugged). The sale is saved: reprint it from the X report.",
        "Принтер не принял чек (выключен, нет бумаги или отключён). Продажа сохранена: перепечатайте чек из X-отчёта.",
        "Printer chekni qabul qilmadi (o‘chirilgan, qog‘oz tugagan yoki uzilgan). Sotuv saqlangan: chekni X-hisobotdan qayta chop eting.",
    ],
    ErrPrinterNoOutput => [
        "This USB device is not a receipt printer (no output endpoint).",
        "Это USB-устройство не принтер чеков (нет выходного канала).",
        "Bu USB qurilma chek printeri emas (chiqish kanali yo‘q).",
    ],
    ErrPrinterBuild => [
        "The printer module could not be loaded; reload the page.",
        "Не удалось загрузить модуль принтера; перезагрузите страницу.",
        "Printer modulini yuklab bo‘lmadi; sahifani qayta yuklang.",
    ],
    DrawerOpen => ["Open drawer", "Открыть ящик", "Pul qutisini ochish"],
    ReportPrint => ["Print report", "Печать отчёта", "Hisobotni chop etish"],
    ReportDrawerOpenings => ["Drawer openings", "Открытий денежного ящика", "Pul qutisi ochilishlari"],
    CustomerDisplayOpen => ["Customer display", "Дисплей покупателя", "Xaridor displeyi"],
    CustomerDisplayWelcome => ["Welcome!", "Добро пожаловать!", "Xush kelibsiz!"],
}
